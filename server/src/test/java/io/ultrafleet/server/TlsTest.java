package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-cert} and {@code --tls-key}: the server answers over HTTPS with the certificate it was given, a client
 * that trusts it is served with a token as over HTTP, and plain HTTP on the same port gets no answer.
 */
class TlsTest {
    @TempDir
    Path tmp;

    @Test
    void theApiIsServedOverHttpsOnlyWithTheGivenCertificate() throws Exception {
        Path cert = copy("cert.pem");
        Path key = copy("key.pem");
        ServerOptions tls =
                LocalServer.options("small.yaml", tmp.resolve("data"), null, null, 1, 1_000, 0, 0, cert, key);
        try (Server server = Server.start(tls, null)) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(trusting(cert))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String base = "https://127.0.0.1:" + server.port();
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/healthz"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> queues = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/queues"))
                            .header("Authorization", "Bearer " + LocalServer.ADMIN)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(queues.statusCode()).isEqualTo(200);
            assertThat(queues.body()).contains("alpha/train");

            // a client that does not trust the certificate is not served
            HttpClient untrusting = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThatThrownBy(() -> untrusting.send(
                            HttpRequest.newBuilder(URI.create(base + "/healthz"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);

            // plain HTTP on the same port is not answered as HTTP
            HttpResponse<String> plain = null;
            try {
                plain = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException refused) {
                // the connection is closed: no answer at all
            }
            if (plain != null) {
                assertThat(plain.statusCode()).as("plain HTTP to the TLS port").isGreaterThanOrEqualTo(400);
            }
        }
    }

    private Path copy(String name) throws Exception {
        Path out = tmp.resolve(name);
        try (InputStream in = TlsTest.class.getResourceAsStream("/tls/" + name)) {
            Files.copy(in, out);
        }
        return out;
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certFile)) {
            trust.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
