package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-request corpus: every case in {@code src/test/resources/bad-requests/} (unknown fields, wrong types,
 * malformed JSON, unknown queues, jobs that could never fit, durations without a unit, bodies over 1 MiB, bad list
 * parameters) is sent to a server and must be refused with its status, as problem details naming its field, with
 * nothing stored. A case file has one directive per line ({@code #} starts a comment) and the body last:
 *
 * <pre>
 * request: POST /v1/jobs        the method and the path (with its query)
 * token: admin                  whose token: alpha (the default) or admin
 * header: NAME: VALUE           a header to send
 * body-size: 1048577            pad the body to this many bytes (its PAD is replaced by enough x's)
 * chunked: true                 send the body in chunks, without a Content-Length
 * status: 400                   the status
 * field: topology.required      the problem's field, or (none) when it must have none
 * detail: allowed at most 32     words the problem's detail must hold (one directive per phrase)
 * body:                         the rest of the file is the body
 * </pre>
 */
@ExtendWith(SharedServer.class)
class BadRequestCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-requests");

    /** Words that show Java or a library, not the user's request, leaking into a problem's detail. */
    private static final List<String> LIBRARY_WORDS =
            List.of("Exception", "java.", "Source:", "REDACTED", "`", "StreamRead", "JsonRead", "Feature", "(code ");

    private static Http http;
    private static String alpha;

    @BeforeAll
    static void setUp(LocalServer shared) {
        http = shared.http();
        alpha = shared.tokenFor("alpha");
    }

    /** One case of the corpus. */
    record Case(
            String name,
            String method,
            String path,
            String token,
            List<String[]> headers,
            int bodySize,
            boolean chunked,
            int status,
            String field,
            List<String> details,
            String body) {

        static Case read(Path file) throws IOException {
            String method = null;
            String path = null;
            String token = "alpha";
            List<String[]> headers = new ArrayList<>();
            int bodySize = -1;
            boolean chunked = false;
            int status = -1;
            String field = null;
            List<String> details = new ArrayList<>();
            String body = null;
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(file + ": not a directive: " + line);
                }
                String value = line.substring(colon + 1).strip();
                switch (line.substring(0, colon)) {
                    case "request" -> {
                        method = value.substring(0, value.indexOf(' '));
                        path = value.substring(value.indexOf(' ') + 1);
                    }
                    case "token" -> token = value;
                    case "header" -> {
                        int c = value.indexOf(':');
                        headers.add(new String[] {
                            value.substring(0, c).strip(),
                            value.substring(c + 1).strip()
                        });
                    }
                    case "body-size" -> bodySize = Integer.parseInt(value);
                    case "chunked" -> chunked = Boolean.parseBoolean(value);
                    case "status" -> status = Integer.parseInt(value);
                    case "field" -> field = value;
                    case "detail" -> details.add(value);
                    case "body" -> {
                        body = String.join("\n", lines.subList(i + 1, lines.size()));
                        i = lines.size();
                    }
                    default -> throw new IllegalArgumentException(file + ": unknown directive " + line);
                }
            }
            if (method == null || status < 0 || field == null) {
                throw new IllegalArgumentException(file + ": a case needs request, status and field");
            }
            String name = file.getFileName().toString().replaceFirst("\\.case$", "");
            return new Case(name, method, path, token, headers, bodySize, chunked, status, field, details, body);
        }

        byte[] bodyBytes() {
            if (bodySize < 0) {
                return body.getBytes(StandardCharsets.UTF_8);
            }
            int pad = bodySize - body.getBytes(StandardCharsets.UTF_8).length + "PAD".length();
            return body.replace("PAD", "x".repeat(pad)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            List<Case> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".case")).sorted().toList()) {
                out.add(Case.read(p));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsStatusAndFieldAndNothingIsStored(Case c) {
        List<String> jobsBefore = jobs();
        List<String> queuesBefore = queues();
        Http.Request req =
                http.request(c.method(), c.path()).token(c.token().equals("admin") ? LocalServer.ADMIN : alpha);
        for (String[] h : c.headers()) {
            req.header(h[0], h[1]);
        }
        if (c.body() != null) {
            byte[] bytes = c.bodyBytes();
            if (c.bodySize() >= 0) {
                assertThat(bytes).hasSize(c.bodySize());
            }
            if (c.chunked()) {
                req.chunked(() -> new ByteArrayInputStream(bytes));
            } else {
                req.body(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        Http.Answer a = req.send();

        AuthorizationTest.assertProblem(a, c.status());
        JsonNode problem = a.json();
        if (c.field().equals("(none)")) {
            assertThat(problem.has("field")).as("field of %s", a).isFalse();
        } else {
            assertThat(problem.path("field").asText()).as("field of %s", a).isEqualTo(c.field());
            // what was found (or the unknown field's name) and what is allowed
            String detail = problem.get("detail").asText();
            assertThat(detail).as("detail of %s", a).contains("allowed");
            assertThat(detail.contains("found") || detail.startsWith("unknown field"))
                    .as("detail of %s", a)
                    .isTrue();
        }
        for (String word : LIBRARY_WORDS) {
            assertThat(problem.path("detail").asText())
                    .as("detail of %s, in the user's words", a)
                    .doesNotContain(word);
        }
        for (String words : c.details()) {
            assertThat(problem.path("detail").asText()).as("detail of %s", a).contains(words);
        }
        assertThat(jobs()).as("jobs after the refusal").isEqualTo(jobsBefore);
        assertThat(queues()).as("queues after the refusal").isEqualTo(queuesBefore);
    }

    private static List<String> jobs() {
        return http.allJobs(LocalServer.ADMIN, null).stream()
                .map(j -> j.get("id").asText())
                .toList();
    }

    private static List<String> queues() {
        List<String> out = new ArrayList<>();
        for (JsonNode q :
                http.get("/v1/queues").token(LocalServer.ADMIN).send().json().get("items")) {
            out.add(q.get("name").asText() + " " + q.get("priorityClass").asText() + " " + q.get("settings"));
        }
        return out;
    }
}
