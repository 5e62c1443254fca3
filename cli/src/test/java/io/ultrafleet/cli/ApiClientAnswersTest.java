package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the client tells its user when the server cannot serve it: a server busy (503) or failing (500), one that does
 * not answer within the client's wait, one that answers with something other than JSON, and none at all. Each is one
 * line naming what happened, never a Java class; a stand-in server on loopback gives each answer.
 */
class ApiClientAnswersTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server on loopback that answers every request with {@code status} and {@code body}. */
    private String answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aServerThatCannotAnswerNowSaysSoWithItsReason() throws IOException {
        String url = answering(
                503,
                "{\"status\":503,\"detail\":\"the forecast is still being computed; try again shortly\","
                        + "\"retryAfterSeconds\":5}");
        ApiClient c = new ApiClient(url, "token");
        assertThatThrownBy(() -> c.get("/v1/forecast"))
                .isInstanceOf(ApiClient.ServerUnreachable.class)
                .hasMessage("the server cannot answer now (503): the forecast is still being computed; try again"
                        + " shortly");
    }

    @Test
    void aServerThatFailsSaysItFailedWithItsStatus() throws IOException {
        String url = answering(500, "{\"status\":500,\"detail\":\"internal error; see the server's log\"}");
        assertThatThrownBy(() -> new ApiClient(url, "token").get("/v1/jobs"))
                .isInstanceOf(ApiClient.ServerUnreachable.class)
                .hasMessage("the server failed (500): internal error; see the server's log");
    }

    @Test
    void anAnswerThatIsNotJsonIsNamedByItsStatus() throws IOException {
        String url = answering(502, "<html>Bad Gateway</html>");
        assertThatThrownBy(() -> new ApiClient(url, "token").get("/v1/jobs"))
                .isInstanceOf(ApiClient.ServerUnreachable.class)
                .hasMessage("the server failed (502): the server answered 502");
    }

    @Test
    void aServerAddressWithAPathIsAskedUnderThatPath() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().toString());
            byte[] bytes = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        // as behind a proxy that serves Ultrafleet at /ultrafleet: the path is kept, not silently dropped
        new ApiClient(url + "/ultrafleet/", "token").get("/v1/jobs?limit=5");
        new ApiClient(url, "token").get("/v1/queues");
        assertThat(asked).containsExactly("/ultrafleet/v1/jobs?limit=5", "/v1/queues");
        assertThatThrownBy(() -> ApiClient.serverUri(url + "/?token=x", null))
                .isInstanceOf(BadFlagException.class)
                .hasMessage("--server: '" + url + "/?token=x' has a query or a fragment; give the server's address,"
                        + " such as http://127.0.0.1:8080");
        assertThatThrownBy(() -> ApiClient.serverUri("http://me:secret@127.0.0.1:8080", "ULTRAFLEET_SERVER"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("ULTRAFLEET_SERVER: 'http://me:secret@127.0.0.1:8080' has a user in it; the token goes in"
                        + " ULTRAFLEET_TOKEN");
    }

    @Test
    void aServerThatDoesNotAnswerWithinTheWaitIsGivenUpOnInTheUsersWords() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS); // answers only when the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        ApiClient c = new ApiClient(url, "token", Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> c.get("/v1/jobs/1/forecast"))
                .isInstanceOf(ApiClient.ServerUnreachable.class)
                .hasMessage("the server at " + url + " did not answer within 1 s; it may be overloaded: try again,"
                        + " or ask its operator");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anAddressThatTakesNoConnectionIsGivenUpOnAfterTheConnectWait() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the listener never accepts: once its queue is full, a new connection is not taken and its opening waits
            InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    java.net.Socket s = new java.net.Socket();
                    held.add(s);
                    try {
                        s.connect(at, 300);
                    } catch (java.net.SocketTimeoutException queueFull) {
                        break;
                    }
                }
                String url = "http://127.0.0.1:" + full.getLocalPort();
                ApiClient c = new ApiClient(url, "token", Duration.ofSeconds(20), Duration.ofSeconds(1));
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> c.get("/v1/jobs"))
                        .isInstanceOf(ApiClient.ServerUnreachable.class)
                        .hasMessage("cannot reach the server at " + url + ": no connection within 1 s (is the address"
                                + " right? set --server or ULTRAFLEET_SERVER)");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
            } finally {
                for (java.net.Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aServerThatClosesTheConnectionWithoutAnAnswerIsSaidSoInTheUsersWords() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 4; i++) {
                    try (java.net.Socket s = closing.accept()) {
                        s.getInputStream().read(); // the request's first byte, then the connection closes
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            String url = "http://127.0.0.1:" + closing.getLocalPort();
            assertThatThrownBy(() -> new ApiClient(url, "token", Duration.ofSeconds(10)).get("/v1/jobs"))
                    .isInstanceOf(ApiClient.ServerUnreachable.class)
                    .hasMessage("the server at " + url + " closed the connection without answering (is it an"
                            + " Ultrafleet server, and does it speak http?)");
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsNamedWithHowToTrustIt() throws Exception {
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server = https;
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(selfSigned()));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        String url = "https://127.0.0.1:" + https.getAddress().getPort();
        assertThatThrownBy(() -> new ApiClient(url, "token", Duration.ofSeconds(10)).get("/v1/jobs"))
                .isInstanceOf(ApiClient.ServerUnreachable.class)
                .hasMessageStartingWith("cannot reach the server at " + url + " securely: its certificate is not one"
                        + " this Java trusts");
    }

    /** A TLS context serving the test certificate of {@code tls/} (127.0.0.1, self-signed). */
    private static javax.net.ssl.SSLContext selfSigned() throws Exception {
        java.security.cert.Certificate cert;
        try (java.io.InputStream in = ApiClientAnswersTest.class.getResourceAsStream("/tls/cert.pem")) {
            cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem;
        try (java.io.InputStream in = ApiClientAnswersTest.class.getResourceAsStream("/tls/key.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        byte[] der = java.util.Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", key, password, new java.security.cert.Certificate[] {cert});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        kmf.init(store, password);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    @Test
    void noServerAtTheAddressIsNamedWithHowToPointElsewhere() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> new ApiClient(url, "token").get("/v1/jobs"))
                .isInstanceOf(ApiClient.ServerUnreachable.class)
                .hasMessage("cannot reach the server at " + url + " (is 'ultrafleet serve' running? set --server or"
                        + " ULTRAFLEET_SERVER)");
    }
}
