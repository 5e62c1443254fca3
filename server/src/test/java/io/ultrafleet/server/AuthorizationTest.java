package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.server.api.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what, for every route the server registers: without a token or with an unknown one a {@code /v1}
 * route answers 401; a tenant's token sees another tenant's job as one that does not exist (404), another tenant's
 * queue as an unknown one, and gets 403 on the admin routes; the right token succeeds. A refused call changes
 * nothing.
 */
@ExtendWith(SharedServer.class)
class AuthorizationTest {
    private static LocalServer server;
    private static Http http;
    private static String alpha;
    private static String beta;
    private static long alphaJob;
    private static final List<Long> made = new ArrayList<>();

    @BeforeAll
    static void setUp(LocalServer shared) {
        server = shared;
        http = shared.http();
        alpha = shared.tokenFor("alpha");
        beta = shared.tokenFor("beta");
        alphaJob = submit(alpha, "alpha/train");
    }

    @AfterAll
    static void cancelTheJobsMade() {
        http.post("/v1/fleet/racks/3/undrain").token(LocalServer.ADMIN).send();
        for (long id : made) {
            http.delete("/v1/jobs/" + id).token(LocalServer.ADMIN).send();
        }
    }

    private static long submit(String token, String queue) {
        Http.Answer a = http.post("/v1/jobs")
                .token(token)
                .body(Http.job(queue, 8, "100h", null))
                .send();
        assertThat(a.status()).as("submitting: %s", a).isEqualTo(201);
        long id = a.json().get("id").asLong();
        made.add(id);
        return id;
    }

    /** A call of a route on tenant alpha's things: its path, its body (or null), made fresh for each call. */
    private record Call(String path, String body) {}

    /** How each route is called on tenant alpha's things, by {@code METHOD path} as the route table writes it. */
    private static final Map<String, Supplier<Call>> CALLS = Map.ofEntries(
            Map.entry("GET /healthz", () -> new Call("/healthz", null)),
            Map.entry("GET /readyz", () -> new Call("/readyz", null)),
            Map.entry("GET /metrics", () -> new Call("/metrics", null)),
            Map.entry("GET /v1/openapi.json", () -> new Call("/v1/openapi.json", null)),
            Map.entry("POST /v1/jobs", () -> new Call("/v1/jobs", Http.job("alpha/train", 8, "100h", null))),
            Map.entry("GET /v1/jobs", () -> new Call("/v1/jobs", null)),
            Map.entry("GET /v1/jobs/{id}", () -> new Call("/v1/jobs/" + alphaJob, null)),
            Map.entry("GET /v1/jobs/{id}/events", () -> new Call("/v1/jobs/" + alphaJob + "/events", null)),
            Map.entry("DELETE /v1/jobs/{id}", () -> new Call("/v1/jobs/" + submit(alpha, "alpha/train"), null)),
            Map.entry("GET /v1/queues", () -> new Call("/v1/queues", null)),
            Map.entry("GET /v1/queues/{tenant}/{queue}", () -> new Call("/v1/queues/alpha/train", null)),
            Map.entry(
                    "PUT /v1/queues/{tenant}/{queue}",
                    () -> new Call("/v1/queues/alpha/train", "{\"priorityClass\": \"research\"}")),
            Map.entry("GET /v1/fleet", () -> new Call("/v1/fleet", null)),
            Map.entry("GET /v1/fleet/map", () -> new Call("/v1/fleet/map", null)),
            Map.entry("GET /v1/fleet/racks/{rack}", () -> new Call("/v1/fleet/racks/0", null)),
            Map.entry("GET /v1/fleet/history", () -> new Call("/v1/fleet/history", null)),
            Map.entry("GET /v1/me", () -> new Call("/v1/me", null)),
            Map.entry("POST /v1/fleet/racks/{rack}/drain", () -> new Call("/v1/fleet/racks/3/drain", null)),
            Map.entry("POST /v1/fleet/racks/{rack}/undrain", () -> new Call("/v1/fleet/racks/3/undrain", null)),
            Map.entry("GET /v1/tenants/{tenant}/tokens", () -> new Call("/v1/tenants/alpha/tokens", null)),
            Map.entry("POST /v1/tenants/{tenant}/tokens", () -> new Call("/v1/tenants/alpha/tokens", null)),
            Map.entry("GET /v1/audit", () -> new Call("/v1/audit", null)),
            Map.entry("GET /v1/jobs/{id}/forecast", () -> new Call("/v1/jobs/" + alphaJob + "/forecast", null)),
            Map.entry("GET /v1/forecast", () -> new Call("/v1/forecast?hours=2", null)),
            Map.entry(
                    "DELETE /v1/tenants/{tenant}/tokens/{tokenId}",
                    () -> new Call(
                            "/v1/tenants/alpha/tokens/"
                                    + LocalServer.issueToken(http, "alpha")
                                            .get("id")
                                            .asText(),
                            null)));

    private static String key(Route r) {
        return r.method() + " " + r.path();
    }

    @Test
    void everyRouteHasACallHere() {
        List<String> routes =
                server.routes().stream().map(AuthorizationTest::key).toList();
        assertThat(CALLS.keySet()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyV1RouteNeedsAToken() {
        for (Route r : server.routes()) {
            if (r.path().startsWith("/v1/")) {
                assertThat(r.access()).as(key(r)).isNotEqualTo(Route.Access.PUBLIC);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenOrWithAnUnknownOneAV1RouteAnswers401() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route r : server.routes()) {
            for (String[] caller : new String[][] {
                {"no token", null},
                {"an unknown token", "0123456789abcdef0123456789abcdef0123456789a"},
                {"an empty token", ""}
            }) {
                tests.add(DynamicTest.dynamicTest(key(r) + " with " + caller[0], () -> {
                    Call c = CALLS.get(key(r)).get();
                    State before = State.now();
                    Http.Answer a = send(r, c, caller[1]);
                    if (r.access() == Route.Access.PUBLIC) {
                        assertThat(a.status()).as("%s", a).isEqualTo(r.success());
                    } else {
                        assertProblem(a, 401);
                        assertThat(State.now()).isEqualTo(before);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aRevokedTokenOrAnotherSchemeIsRefused() {
        JsonNode issued = LocalServer.issueToken(http, "alpha");
        String token = issued.get("token").asText();
        assertThat(http.get("/v1/jobs").token(token).send().status()).isEqualTo(200);
        Http.Answer basic =
                http.get("/v1/jobs").header("Authorization", "Basic " + token).send();
        assertProblem(basic, 401);
        Http.Answer revoked = http.delete(
                        "/v1/tenants/alpha/tokens/" + issued.get("id").asText())
                .token(LocalServer.ADMIN)
                .send();
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertProblem(http.get("/v1/jobs").token(token).send(), 401);
        // a token is revoked under its own tenant only
        Http.Answer wrongTenant = http.delete(
                        "/v1/tenants/beta/tokens/" + issued.get("id").asText())
                .token(LocalServer.ADMIN)
                .send();
        assertProblem(wrongTenant, 404);
    }

    @TestFactory
    Stream<DynamicTest> anotherTenantsTokenSeesNothingOfAlpha() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route r : server.routes()) {
            if (r.access() == Route.Access.PUBLIC) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(key(r) + " with tenant beta's token", () -> {
                Call c = CALLS.get(key(r)).get();
                State before = State.now();
                Http.Answer a = send(r, c, beta);
                if (r.access() == Route.Access.ADMIN) {
                    assertProblem(a, 403);
                } else if (r.path().contains("{id}")) {
                    assertProblem(a, 404);
                    Http.Answer missing =
                            send(r, new Call(c.path().replaceAll("/jobs/\\d+", "/jobs/999999999"), null), beta);
                    assertProblem(missing, 404);
                    assertThat(a.json().get("detail").asText().replaceAll("\\d+", "N"))
                            .as("another tenant's job reads as one that does not exist")
                            .isEqualTo(missing.json().get("detail").asText().replaceAll("\\d+", "N"));
                } else if (r.path().equals("/v1/queues/{tenant}/{queue}")) {
                    assertProblem(a, 404);
                    Http.Answer missing = http.get("/v1/queues/alpha/no-such-queue")
                            .token(beta)
                            .send();
                    assertThat(a.json().get("detail").asText().replace("alpha/train", "Q"))
                            .as("another tenant's queue reads as one that does not exist")
                            .isEqualTo(missing.json().get("detail").asText().replace("alpha/no-such-queue", "Q"));
                } else if (r.method().equals("POST") && r.path().equals("/v1/jobs")) {
                    assertProblem(a, 400);
                    assertThat(a.json().get("field").asText()).isEqualTo("queue");
                    Http.Answer unknown = http.post("/v1/jobs")
                            .token(beta)
                            .body(Http.job("alpha/no-such-queue", 8, "100h", null))
                            .send();
                    assertProblem(unknown, 400);
                    assertThat(a.json().get("detail").asText().replace("alpha/train", "Q"))
                            .as("another tenant's queue reads as an unknown one")
                            .isEqualTo(unknown.json().get("detail").asText().replace("alpha/no-such-queue", "Q"));
                } else {
                    assertThat(a.status()).as("%s", a).isEqualTo(r.success());
                    assertThat(a.body()).doesNotContain("alpha");
                }
                assertThat(State.now()).isEqualTo(before);
            }));
        }
        return tests.stream();
    }

    @Test
    void anotherTenantsQueueFilterIsAnUnknownQueue() {
        Http.Answer a = http.get("/v1/jobs?queue=alpha/train").token(beta).send();
        assertProblem(a, 400);
        assertThat(a.json().get("field").asText()).isEqualTo("queue");
    }

    @TestFactory
    Stream<DynamicTest> theRightTokenSucceeds() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route r : server.routes()) {
            String who = r.access() == Route.Access.ADMIN ? "the admin" : "tenant alpha";
            tests.add(DynamicTest.dynamicTest(key(r) + " with " + who + "'s token", () -> {
                Call c = CALLS.get(key(r)).get();
                String token = r.access() == Route.Access.ADMIN ? LocalServer.ADMIN : alpha;
                Http.Answer a = send(r, c, token);
                assertThat(a.status()).as("%s", a).isEqualTo(r.success());
                if (r.method().equals("POST") && r.path().equals("/v1/jobs")) {
                    made.add(a.json().get("id").asLong());
                }
                if (r.path().startsWith("/v1/")) {
                    assertThat(a.contentType()).isEqualTo("application/json");
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void theAdminTokenSeesEveryTenantsJobs() {
        long betaJob = submit(beta, "beta/train");
        assertThat(http.get("/v1/jobs/" + betaJob)
                        .token(LocalServer.ADMIN)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/v1/jobs/" + alphaJob)
                        .token(LocalServer.ADMIN)
                        .send()
                        .status())
                .isEqualTo(200);
        List<Long> alphaSees = http.allJobs(alpha, null).stream()
                .map(j -> j.get("id").asLong())
                .toList();
        assertThat(alphaSees).contains(alphaJob).doesNotContain(betaJob);
    }

    private static Http.Answer send(Route r, Call c, String token) {
        Http.Request req = http.request(r.method(), c.path());
        if (token != null) {
            req.token(token);
        }
        if (c.body() != null) {
            req.body(c.body());
        }
        return req.send();
    }

    static void assertProblem(Http.Answer a, int status) {
        assertThat(a.status()).as("%s", a).isEqualTo(status);
        assertThat(a.contentType()).as("content type of %s", a).isEqualTo("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
    }

    /**
     * What a refused call must not change: which jobs there are and which of them ended, which racks drain, the
     * queues' settings. (A queued job may start meanwhile: that is the scheduler, not the call.)
     */
    private record State(List<String> jobs, int racksDraining, List<String> queues) {
        static State now() {
            List<String> jobs = http.allJobs(LocalServer.ADMIN, null).stream()
                    .map(j -> j.get("id").asText() + " "
                            + (j.get("endedAt").isNull()
                                    ? "live"
                                    : j.get("state").asText()))
                    .toList();
            JsonNode fleet =
                    http.get("/v1/fleet").token(LocalServer.ADMIN).send().json();
            List<String> queues = new ArrayList<>();
            for (JsonNode q : http.get("/v1/queues")
                    .token(LocalServer.ADMIN)
                    .send()
                    .json()
                    .get("items")) {
                queues.add(q.get("name").asText() + " " + q.get("priorityClass").asText() + " " + q.get("cohort") + " "
                        + q.get("weight") + " " + q.get("settings"));
            }
            return new State(jobs, fleet.get("racksDraining").asInt(), queues);
        }
    }
}
