package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that misbehave on purpose, on loopback and bounded in count and time: slow clients that send their headers
 * (or body) a byte a second, oversized headers, many connections opened and left idle, and one tenant flooding the
 * API far beyond its rate limit. While each goes on, another tenant (beta) asks for its queues ten times a second,
 * and every one of its requests must be answered with 200. Its latency during each abuse, next to the same requests
 * with nothing else going on, is printed ({@code abuse=... p50_ms=...}) and recorded in docs/benchmarks/control-plane.md; it is
 * measured, not asserted, as the machine is shared.
 */
class AbusiveClientsTest {
    /** alpha's and beta's request rate, each: 20 a second. */
    private static final double RATE = 20;

    private static LocalServer server;
    private static Http http;
    private static String alpha;
    private static String beta;

    @BeforeAll
    static void start() {
        server = LocalServer.start("small.yaml", 1, RATE);
        http = server.http();
        alpha = server.tokenFor("alpha");
        beta = server.tokenFor("beta");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(60)
    void slowClientsDoNotKeepOthersWaiting() throws Exception {
        Bystander.measure("none", 3_000);
        List<Socket> slow = new ArrayList<>();
        try {
            byte[] head = ("GET /v1/queues HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alpha
                            + "\r\nX-Slow: ")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] bodyHead = ("POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alpha
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            // 40 clients sending their headers a byte a second, 10 sending a body a byte a second
            for (int i = 0; i < 50; i++) {
                Socket s = RawHttp.connect(server.server().port(), 30_000);
                slow.add(s);
                s.getOutputStream().write(i < 40 ? head : bodyHead);
            }
            Bystander by = Bystander.start("slow-clients");
            for (int second = 0; second < 8; second++) {
                for (Socket s : slow) {
                    OutputStream out = s.getOutputStream();
                    out.write(s == slow.get(0) ? 'a' : 'b');
                    out.flush();
                }
                Thread.sleep(1_000);
            }
            by.stopAndCheck();
        } finally {
            closeAll(slow);
        }
    }

    @Test
    @Timeout(60)
    void oversizedHeadersAreRefusedAsProblems() throws Exception {
        Bystander by = Bystander.start("oversized-headers");
        String big = "x".repeat(64 * 1024);
        List<String[]> auth = List.<String[]>of(new String[] {"Authorization", "Bearer " + alpha});
        long until = System.nanoTime() + 5_000_000_000L;
        // The server answers as soon as the headers pass 16 KiB and closes the connection; a client still writing its
        // 64 KiB then may see the connection reset before it reads the answer (TCP drops what the server did not
        // read). So a request may go unanswered, but every answer must be the problem, and most must arrive.
        int sent = 0;
        int answered = 0;
        for (int i = 0; i < 1_000 && System.nanoTime() < until; i++) {
            List<String[]> headers = new ArrayList<>(auth);
            headers.add(new String[] {"X-Big", big});
            RawHttp.Answer header = RawHttp.exchange(
                    server.server().port(), RawHttp.request("GET", "/v1/queues", headers, null), 30_000);
            answered += assertProblemIfAnswered(header, 431);
            RawHttp.Answer many = RawHttp.exchange(
                    server.server().port(), RawHttp.request("GET", "/v1/queues", manyHeaders(), null), 30_000);
            answered += assertProblemIfAnswered(many, 431);
            RawHttp.Answer line = RawHttp.exchange(
                    server.server().port(), RawHttp.request("GET", "/v1/jobs?after=" + big, auth, null), 30_000);
            if (line != null) {
                assertThat(line.status()).as("%s", line).isIn(414, 431);
            }
            answered += assertProblemIfAnswered(line, line == null ? 0 : line.status());
            sent += 3;
        }
        System.out.printf("abuse=oversized-headers requests=%d answered=%d%n", sent, answered);
        assertThat(answered)
                .as("oversized requests answered with a problem, of %d", sent)
                .isGreaterThan(sent / 2);
        by.stopAndCheck();
        assertThat(http.get("/metrics").send().body()).contains("headers_too_large");
    }

    @Test
    @Timeout(60)
    void idleConnectionsDoNotKeepOthersOut() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                Socket s = RawHttp.connect(server.server().port(), 30_000);
                idle.add(s);
                if (i % 2 == 1) {
                    // half of them start a request and stop in its middle
                    s.getOutputStream().write("GET /v1/que".getBytes(StandardCharsets.US_ASCII));
                }
            }
            Bystander by = Bystander.start("idle-connections");
            Thread.sleep(5_000);
            by.stopAndCheck();
        } finally {
            closeAll(idle);
        }
    }

    @Test
    @Timeout(60)
    void aFloodOverTheRateLimitLeavesOtherTenantsServed() throws Exception {
        Thread.sleep(1_000); // alpha's bucket full again
        Bystander by = Bystander.start("flood-over-rate-limit");
        ExecutorService flood = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        try {
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                answers.add(
                        flood.submit(() -> http.get("/v1/queues").token(alpha).send()));
            }
            int limited = 0;
            for (Future<Http.Answer> f : answers) {
                Http.Answer a = f.get(60, TimeUnit.SECONDS);
                if (a.status() == 429) {
                    limited++;
                    AuthorizationTest.assertProblem(a, 429);
                    assertThat(a.header("Retry-After")).isNotNull();
                } else {
                    assertThat(a.status()).as("%s", a).isEqualTo(200);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "abuse=flood-over-rate-limit requests=2000 seconds=%.1f refused_429=%d%n",
                    seconds,
                    limited);
            // a second's burst, then the rate
            assertThat(2_000 - limited).as("alpha's answers of 200").isLessThanOrEqualTo((int) (RATE * (seconds + 2)));
        } finally {
            flood.shutdownNow();
            assertThat(flood.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        by.stopAndCheck();
    }

    private static List<String[]> manyHeaders() {
        List<String[]> h = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            h.add(new String[] {"X-Header-" + i, "y".repeat(200)});
        }
        return h;
    }

    /**
     * 1 when {@code a} is the problem with {@code status}, 0 when the connection closed without an answer. Rarely, on a
     * loaded machine, the HTTP parser meets the overflow of a 64 KiB header at a point where it takes the request for
     * malformed and answers 400 ("not valid HTTP"); that refusal must be a problem too, and it counts as no answer.
     */
    private static int assertProblemIfAnswered(RawHttp.Answer a, int status) throws IOException {
        if (a == null) {
            return 0;
        }
        if (status == 431 && a.status() == 400) {
            assertThat(a.header("content-type")).as("%s", a).startsWith("application/problem+json");
            assertThat(Http.JSON.readTree(a.body()).get("detail").asText())
                    .as("%s", a)
                    .contains("not valid HTTP");
            return 0;
        }
        assertProblem(a, status);
        return 1;
    }

    private static void assertProblem(RawHttp.Answer a, int status) throws IOException {
        assertThat(a).as("an answer").isNotNull();
        assertThat(a.status()).as("%s", a).isEqualTo(status);
        assertThat(a.header("content-type")).as("%s", a).startsWith("application/problem+json");
        JsonNode p = Http.JSON.readTree(a.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).contains("KiB");
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing on our side: nothing to learn
            }
        }
    }

    /** Tenant beta asking for its queues ten times a second on its own thread, each answer and latency kept. */
    private static final class Bystander {
        private final String abuse;
        private final Thread thread;
        private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        /** Every answer other than 200, whole, to tell what refused beta. */
        private final List<String> odd = Collections.synchronizedList(new ArrayList<>());

        private volatile boolean running = true;

        private Bystander(String abuse) {
            this.abuse = abuse;
            this.thread = new Thread(this::run, "bystander-" + abuse);
        }

        static Bystander start(String abuse) {
            Bystander b = new Bystander(abuse);
            b.thread.start();
            return b;
        }

        /** The same requests with nothing else going on, for {@code ms}: the baseline printed beside the others. */
        static void measure(String abuse, long ms) throws InterruptedException {
            Bystander b = start(abuse);
            Thread.sleep(ms);
            b.stopAndCheck();
        }

        private void run() {
            while (running) {
                long t0 = System.nanoTime();
                int status;
                try {
                    Http.Answer a = http.get("/v1/queues").token(beta).trySend();
                    status = a.status();
                    if (status != 200) {
                        odd.add(a.toString());
                    }
                } catch (IOException e) {
                    status = -1;
                }
                micros.add((System.nanoTime() - t0) / 1_000);
                statuses.add(status);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndCheck() throws InterruptedException {
            running = false;
            thread.join(60_000);
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "abuse=%s requests=%d p50_ms=%.1f p90_ms=%.1f max_ms=%.1f%n",
                    abuse,
                    sorted.size(),
                    at(sorted, 0.5),
                    at(sorted, 0.9),
                    sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() - 1) / 1000.0);
            assertThat(statuses)
                    .as("beta's answers during %s (those not 200: %s)", abuse, odd)
                    .isNotEmpty()
                    .containsOnly(200);
        }

        private static double at(List<Long> sorted, double q) {
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1000.0;
        }
    }
}
