package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.server.api.Route;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI description lists exactly the routes the server registers, and every route it lists is served: none
 * answers the "no route" 404 that a path the server does not know gets.
 */
@ExtendWith(SharedServer.class)
class OpenApiTest {
    private static LocalServer server;
    private static Http http;

    @BeforeAll
    static void setUp(LocalServer shared) {
        server = shared;
        http = shared.http();
    }

    @Test
    void theDescriptionListsExactlyTheRegisteredRoutes() {
        Http.Answer a = http.get("/v1/openapi.json").token(LocalServer.ADMIN).send();
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("application/json");
        JsonNode doc = a.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> described = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                described.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        List<String> registered =
                server.routes().stream().map(r -> r.method() + " " + r.path()).toList();
        assertThat(registered).doesNotHaveDuplicates().isNotEmpty();
        assertThat(described).containsExactlyInAnyOrderElementsOf(registered);
        for (Route r : server.routes()) {
            JsonNode op = doc.get("paths").get(r.path()).get(r.method().toLowerCase(Locale.ROOT));
            assertThat(op.get("responses").has(Integer.toString(r.success())))
                    .as("%s %s describes its success", r.method(), r.path())
                    .isTrue();
            assertThat(op.has("security"))
                    .as("%s %s describes its token", r.method(), r.path())
                    .isEqualTo(r.access() != Route.Access.PUBLIC);
        }
    }

    @Test
    void theHeadersARouteReadsAndThePreconditionsAnswerAreDescribed() {
        JsonNode paths = http.get("/v1/openapi.json")
                .token(LocalServer.ADMIN)
                .send()
                .json()
                .get("paths");
        JsonNode put = paths.get("/v1/queues/{tenant}/{queue}").get("put");
        List<String> headers = new ArrayList<>();
        for (JsonNode p : put.get("parameters")) {
            if (p.get("in").asText().equals("header")) {
                headers.add(p.get("name").asText());
            }
        }
        assertThat(headers).containsExactly("If-Match", "If-None-Match");
        assertThat(put.get("responses").has("412")).isTrue();
        JsonNode submit = paths.get("/v1/jobs").get("post");
        assertThat(submit.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(submit.get("responses").has("412"))
                .as("no precondition on a submission")
                .isFalse();
    }

    @Test
    void aPathTheServerDoesNotKnowIsANotFoundProblem() {
        Http.Answer a = http.get("/v1/no-such-route").token(LocalServer.ADMIN).send();
        AuthorizationTest.assertProblem(a, 404);
        assertThat(a.json().get("detail").asText()).contains("/v1/no-such-route");
    }

    @Test
    void aPathTheServerKnowsAskedWithAnotherMethodSaysWhichItTakes() {
        Http.Answer a =
                http.request("PATCH", "/v1/jobs").token(LocalServer.ADMIN).send();
        AuthorizationTest.assertProblem(a, 405);
        assertThat(a.header("Allow")).isEqualTo("GET, POST");
        assertThat(a.json().get("detail").asText())
                .isEqualTo("no route PATCH /v1/jobs; allowed GET, POST on this path");
        Http.Answer job =
                http.request("PUT", "/v1/jobs/1").token(LocalServer.ADMIN).send();
        AuthorizationTest.assertProblem(job, 405);
        assertThat(job.header("Allow")).contains("GET").contains("DELETE");
    }

    @Test
    void everyRegisteredRouteIsServed() {
        for (Route r : server.routes()) {
            // path parameters naming nothing that exists: the route answers, about the thing it does not find
            String path = r.path()
                    .replace("{id}", "999999999")
                    .replace("{rack}", "999999")
                    .replace("{tenant}", "no-such-tenant")
                    .replace("{queue}", "no-such-queue")
                    .replace("{tokenId}", "no-such-token");
            Http.Request req = http.request(r.method(), path).token(LocalServer.ADMIN);
            if (r.method().equals("POST") || r.method().equals("PUT")) {
                req.body("[]"); // not a mapping: refused before anything is stored
            }
            Http.Answer a = req.send();
            assertThat(a.status()).as("%s %s: %s", r.method(), path, a).isNotIn(405, 500);
            if (a.status() == 404) {
                // a 404 about the thing named, not the one a path the server does not know gets
                Http.Answer unknown = http.request(r.method(), "/v1/no-such-route")
                        .token(LocalServer.ADMIN)
                        .send();
                assertThat(unknown.status()).isEqualTo(404);
                String noRoute = unknown.json().get("detail").asText().replace("/v1/no-such-route", path);
                assertThat(a.json().get("detail").asText())
                        .as("%s %s", r.method(), path)
                        .isNotEqualTo(noRoute)
                        .doesNotContain(path);
            }
        }
    }
}
