package io.ultrafleet.server;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.TrainingReader;
import io.ultrafleet.spec.input.JsonNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzz tests of what a client sends the server: the job reader (a {@code POST /v1/jobs} body, read as
 * the server reads it) and whole HTTP requests (request line, path, query, headers, tokens and body) sent to a real
 * server on loopback, one started per run.
 *
 * <p>The job reader may refuse its input only with {@link ScenarioException} in the user's words. The server may
 * answer only with a documented success ({@code 2xx}, or a {@code 3xx} of the dashboard's files) or a documented error:
 * a {@code 4xx} as problem details ({@code application/problem+json} with its status, a title and a detail free of
 * Java names). A {@code 5xx}, any other answer, or a connection closed without an answer is a finding, and Jazzer keeps
 * its input under {@code ApiFuzzTestInputs/}, where the plain test run replays it.
 *
 * <p>An input's first byte picks the target: even for the job reader (the rest is the body), odd for the server. A
 * request is written as text: its first line {@code METHOD TARGET}, then header lines up to an empty line, then the
 * body (no empty line: no body). {@code $ALPHA}, {@code $BETA} and {@code $ADMIN} stand for tokens of tenants alpha and
 * beta and the admin token. The harness adds {@code Host}, {@code Connection: close} and the body's
 * {@code Content-Length} (unless the input frames its body itself with a {@code Content-Length} or
 * {@code Transfer-Encoding}).
 *
 * <p>In the plain test run each test replays its stored inputs, and {@link #jobReaderAndApi} is fuzzed for a short
 * while. A long run: {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m ./mvnw -pl server -am test
 * -Dtest=ApiFuzzTest#httpApi -Dfuzz.short.skip=true -Dsurefire.failIfNoSpecifiedTests=false} (README, "Fuzzing").
 */
class ApiFuzzTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();
    private static final List<String> QUEUES = List.of("alpha/train", "beta/train");
    private static final long NOW_MS = 3_600_000L * 24 * 30;

    /** A fully qualified Java name ({@code java.lang.NumberFormatException}), an exception's name or a stack frame. */
    private static final Pattern JAVA_WORDS =
            Pattern.compile("(?:[a-z_$][\\w$]*\\.){2,}[A-Z][\\w$]*|Exception|Throwable|\\bat [\\w$.]+\\(");

    /** How long an answer may take: a fuzz input is small, so this is a server that hangs. */
    private static final int TIMEOUT_MS = 20_000;

    private static LocalServer server;
    private static String alpha;
    private static String beta;

    /** Stops the server, if a test started one. */
    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Both targets at once, the first byte picking one; the short run of every build fuzzes this one. */
    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "/v1/jobs",
        "/v1/queues",
        "/v1/fleet",
        "/v1/forecast",
        "/v1/audit",
        "/v1/tenants/alpha/tokens",
        "/v1/fleet/racks/",
        "/drain",
        "/v1/me",
        "/forecast",
        "/v1/fleet/history",
        "/v1/fleet/map",
        "/v1/openapi.json",
        "/healthz",
        "/readyz",
        "/metrics",
        "Authorization: Bearer ",
        "$ALPHA",
        "$BETA",
        "$ADMIN",
        "Idempotency-Key: ",
        "Content-Type: ",
        "Content-Length: ",
        "Transfer-Encoding: chunked",
        "?limit=",
        "&after=",
        "?order=newest",
        "?state=queued",
        "?hours=",
        "\"queue\"",
        "\"gpus\"",
        "\"duration\"",
        "\"alpha/train\"",
        "\"topology\"",
        "\"required\"",
        "\"checkpoint\"",
        "\"command\"",
        "\"env\"",
        "\"name\"",
        "\"models\"",
        "\"priorityClass\"",
        "%00",
        "%2F"
    })
    void jobReaderAndApi(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) == 0) {
            jobReader(rest);
        } else {
            httpApi(rest);
        }
    }

    /** The job reader alone. */
    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "\"queue\"",
        "\"gpus\"",
        "\"duration\"",
        "\"alpha/train\"",
        "\"topology\"",
        "\"required\"",
        "\"preferred\"",
        "\"checkpoint\"",
        "\"command\"",
        "\"env\"",
        "\"name\"",
        "\"models\"",
        "\"rack\"",
        "\"block\"",
        "\"1h\"",
        "\"30m\""
    })
    void jobReader(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            new TrainingReader(CATALOGUE, QUEUES, 0, Long.MAX_VALUE)
                    .submission(new FieldReader("request body", "", JsonNodes.compose("request body", text)), NOW_MS);
        } catch (ScenarioException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a refusal without words", e);
            }
            if (javaWords(e.getMessage(), text)) {
                throw new AssertionError("a refusal in Java's words: " + e.getMessage(), e);
            }
        }
    }

    /** Whole requests to a running server. */
    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "/v1/jobs",
        "/v1/queues",
        "/v1/fleet",
        "/v1/forecast",
        "/v1/audit",
        "/v1/tenants/alpha/tokens",
        "/v1/fleet/racks/",
        "/drain",
        "/v1/me",
        "/forecast",
        "/v1/fleet/history",
        "/v1/fleet/map",
        "/v1/openapi.json",
        "/healthz",
        "/readyz",
        "/metrics",
        "Authorization: Bearer ",
        "$ALPHA",
        "$BETA",
        "$ADMIN",
        "Idempotency-Key: ",
        "Content-Type: ",
        "Content-Length: ",
        "Transfer-Encoding: chunked",
        "?limit=",
        "&after=",
        "?order=newest",
        "?state=queued",
        "?hours=",
        "\"queue\"",
        "\"gpus\"",
        "\"duration\"",
        "\"alpha/train\"",
        "%00",
        "%2F",
        "Range: bytes="
    })
    void httpApi(byte[] input) {
        Request r = Request.parse(new String(input, StandardCharsets.UTF_8)
                .replace("$ALPHA", tokens()[0])
                .replace("$BETA", tokens()[1])
                .replace("$ADMIN", LocalServer.ADMIN));
        remember(r.toString());
        RawHttp.Answer a;
        // the harness's own connection to the server it started, on loopback
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, port) ->
                port == server.server().port() && (host.equals("127.0.0.1") || host.equals("localhost")))) {
            a = RawHttp.exchange(server.server().port(), r.bytes(), TIMEOUT_MS);
        } catch (IOException e) {
            throw new AssertionError("no answer to " + r + ": " + e, e);
        }
        check(r, a);
    }

    private static synchronized String[] tokens() {
        if (server == null) {
            server = LocalServer.start("small.yaml", 1, 1_000_000);
            alpha = server.tokenFor("alpha");
            beta = server.tokenFor("beta");
        }
        return new String[] {alpha, beta};
    }

    /** The request an input stands for, and how the harness frames it. */
    record Request(String method, String target, List<String[]> headers, byte[] body, boolean framedByInput) {
        static Request parse(String text) {
            String[] lines = text.split("\n", -1);
            String first = lines[0].replace("\r", "");
            int space = first.indexOf(' ');
            String method = space < 0 ? first : first.substring(0, space);
            String target = space < 0 ? "/" : first.substring(space + 1);
            List<String[]> headers = new ArrayList<>();
            boolean framed = false;
            int i = 1;
            for (; i < lines.length; i++) {
                String l = lines[i].replace("\r", "");
                if (l.isEmpty()) {
                    break;
                }
                int colon = l.indexOf(':');
                String name = colon < 0 ? l : l.substring(0, colon);
                String value = colon < 0 ? null : l.substring(colon + 1).strip();
                String lower = name.strip().toLowerCase(Locale.ROOT);
                if (lower.equals("connection") || lower.equals("host")) {
                    continue; // the harness's own, so that every exchange ends
                }
                framed |= lower.equals("content-length") || lower.equals("transfer-encoding");
                headers.add(value == null ? new String[] {name} : new String[] {name, value});
            }
            byte[] body = i < lines.length
                    ? String.join("\n", Arrays.asList(lines).subList(i + 1, lines.length))
                            .getBytes(StandardCharsets.UTF_8)
                    : null;
            return new Request(method, target, headers, body, framed);
        }

        byte[] bytes() {
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
            for (String[] h : headers) {
                head.append(h.length == 1 ? h[0] : h[0] + ": " + h[1]).append("\r\n");
            }
            if (body != null && !framedByInput) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] b = body == null ? new byte[0] : body;
            byte[] out = Arrays.copyOf(h, h.length + b.length);
            System.arraycopy(b, 0, out, h.length, b.length);
            return out;
        }

        @Override
        public String toString() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    /** Holds {@code a} to the documented answers to {@code r}. */
    static void check(Request r, RawHttp.Answer a) {
        if (a == null) {
            if (!r.framedByInput()) {
                throw new AssertionError("the server closed the connection without an answer to:\n" + r);
            }
            return;
        }
        int s = a.status();
        boolean head = r.method().equals("HEAD");
        if (s >= 500) {
            throw new AssertionError("a server error " + a + " to:\n" + r);
        }
        if (s >= 200 && s < 300) {
            if (!head && a.body().length > 0 && isJson(a.header("content-type"))) {
                json(a, r);
            }
            return;
        }
        if (s >= 300 && s < 400) {
            if (!r.target().startsWith("/v1") && (r.method().equals("GET") || head)) {
                return; // the dashboard's files: not modified, or a folder's address with its slash
            }
            throw new AssertionError("a redirect " + a + " to:\n" + r);
        }
        if (s < 400) {
            throw new AssertionError("an answer of status " + a + " to:\n" + r);
        }
        String type = a.header("content-type");
        if (type == null || !type.split(";")[0].strip().equals("application/problem+json")) {
            throw new AssertionError("an error that is not problem details: " + a + " to:\n" + r);
        }
        if (head) {
            return;
        }
        JsonNode p = json(a, r);
        if (p.path("status").asInt() != s
                || p.path("title").asText().isBlank()
                || p.path("detail").asText().isBlank()) {
            throw new AssertionError("problem details without their status, title or detail: " + a + " to:\n" + r);
        }
        if (javaWords(p.path("detail").asText(), r.toString())) {
            throw new AssertionError("an error in Java's words: " + a + " to:\n" + r);
        }
    }

    /**
     * Java-looking words that clients have sent to the running server: a name one request gave (a queue called
     * {@code trThrowableain}, say) comes back in a later request's error, and that is an echo, not Java speaking.
     */
    private static final java.util.Set<String> SENT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void remember(String input) {
        java.util.regex.Matcher m = JAVA_WORDS.matcher(input);
        while (m.find()) {
            SENT.add(m.group());
        }
    }

    /** Whether {@code words} holds a Java name that is not an echo of what clients sent ({@code input} or before). */
    private static boolean javaWords(String words, String input) {
        java.util.regex.Matcher m = JAVA_WORDS.matcher(words);
        while (m.find()) {
            if (!input.contains(m.group()) && !SENT.contains(m.group())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJson(String type) {
        return type != null && type.split(";")[0].strip().endsWith("json");
    }

    private static JsonNode json(RawHttp.Answer a, Request r) {
        try {
            return Http.JSON.readTree(a.body());
        } catch (IOException e) {
            throw new AssertionError("an answer that is not the JSON it says: " + a + " to:\n" + r, e);
        }
    }
}
