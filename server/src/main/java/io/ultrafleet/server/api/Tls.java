package io.ultrafleet.server.api;

import io.ultrafleet.server.StartupException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** TLS for the API from PEM files: a certificate chain and its private key (PKCS#8, RSA or EC, unencrypted). */
public final class Tls {
    private static final Pattern KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private Tls() {}

    /** Jetty's TLS settings for the certificate chain in {@code certFile} and the key in {@code keyFile}. */
    public static SslContextFactory.Server context(Path certFile, Path keyFile) {
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)));
        } catch (IOException e) {
            throw new StartupException("--tls-cert: " + unreadable(certFile, e));
        } catch (GeneralSecurityException e) {
            throw new StartupException("--tls-cert: " + certFile + " holds no PEM certificate");
        }
        if (chain.isEmpty()) {
            throw new StartupException("--tls-cert: " + certFile + " holds no PEM certificate");
        }
        PrivateKey key = key(keyFile);
        if (!signsFor(key, chain.iterator().next().getPublicKey())) {
            throw new StartupException("--tls-key: the key in " + keyFile + " does not go with the certificate in "
                    + certFile + " (it is the key of another certificate; give the key the certificate was made for)");
        }
        try {
            char[] password =
                    Long.toHexString(Double.doubleToLongBits(Math.random())).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("ultrafleet", key, password, chain.toArray(new Certificate[0]));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(store);
            tls.setKeyStorePassword(new String(password));
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException(
                    "--tls-key: the key in " + keyFile + " does not go with the certificate in " + certFile);
        }
    }

    /**
     * Whether {@code key} is the private half of {@code certified}: a signature made with it checks out with the
     * certificate's public key (a key store takes a mismatched pair without a word, and every handshake then fails).
     */
    private static boolean signsFor(PrivateKey key, java.security.PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        byte[] probe = "ultrafleet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            java.security.Signature sign = java.security.Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            java.security.Signature check = java.security.Signature.getInstance(algorithm);
            check.initVerify(certified);
            check.update(probe);
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // keys of different kinds
        }
    }

    private static String unreadable(Path file, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return file + ": permission denied";
        }
        return file + ": cannot be read";
    }

    private static PrivateKey key(Path keyFile) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StartupException("--tls-key: " + unreadable(keyFile, e));
        }
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            throw new StartupException("--tls-key: " + keyFile + " holds no unencrypted PKCS#8 key ('BEGIN PRIVATE"
                    + " KEY'); convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next kind
            }
        }
        throw new StartupException("--tls-key: " + keyFile + " holds no RSA, EC or Ed25519 key");
    }
}
