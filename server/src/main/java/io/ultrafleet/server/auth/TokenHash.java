package io.ultrafleet.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Tokens as the server makes and keeps them: 256 random bits, stored only as their SHA-256. */
public final class TokenHash {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {}

    /** A new token: {@code uf_} and 256 random bits, base64url. */
    public static String newToken() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return "uf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** A new token id, short and random: it names a token in the API without revealing it. */
    public static String newId() {
        byte[] bits = new byte[9];
        RANDOM.nextBytes(bits);
        return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** The SHA-256 of the token, as 64 hex digits. */
    public static String of(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
