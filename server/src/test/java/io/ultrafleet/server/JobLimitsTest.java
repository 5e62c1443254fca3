package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server takes at most {@code --max-live-jobs} queued and running jobs, and a tenant at most {@code
 * --max-live-jobs-per-tenant}: a submission past either is refused (429, with when to come back), nothing is stored,
 * and the tenant may submit again once its jobs end. A request repeated under its idempotency key still answers the
 * job it made.
 */
class JobLimitsTest {
    private static final String JOB = "{\"queue\": \"%s/train\", \"gpus\": 8, \"duration\": \"30d\"}";

    @TempDir
    Path tmp;

    @Test
    void submissionsPastALimitAreRefusedUntilJobsEnd() throws Exception {
        try (Server server = Server.start(options(tmp.resolve("data"), 5, 3), null)) {
            Http http = Http.at(server.port());
            String alpha = LocalServer.issueToken(http, "alpha").get("token").asText();
            String beta = LocalServer.issueToken(http, "beta").get("token").asText();

            long first = 0;
            for (int i = 0; i < 3; i++) {
                Http.Answer a = submit(http, alpha, "alpha", "alpha-" + i);
                assertThat(a.status()).as("%s", a).isEqualTo(201);
                first = first == 0 ? a.json().get("id").asLong() : first;
            }
            Http.Answer fourth = submit(http, alpha, "alpha", "alpha-3");
            AuthorizationTest.assertProblem(fourth, 429);
            assertThat(fourth.header("Retry-After")).isEqualTo("60");
            assertThat(fourth.json().get("type").asText()).isEqualTo("https://ultrafleet.io/problems/too-many-jobs");
            assertThat(fourth.json().get("detail").asText())
                    .isEqualTo("tenant alpha has 3 queued and running jobs, the most a tenant may have on this server"
                            + " (--max-live-jobs-per-tenant); submit again as its jobs end");
            assertThat(http.allJobs(LocalServer.ADMIN, null))
                    .as("nothing stored")
                    .hasSize(3);

            // the first request again, under its key: the job it made, not a refusal
            Http.Answer again = submit(http, alpha, "alpha", "alpha-0");
            assertThat(again.status()).as("%s", again).isEqualTo(200);
            assertThat(again.json().get("id").asLong()).isEqualTo(first);

            // another tenant has room until the server is full
            assertThat(submit(http, beta, "beta", "beta-0").status()).isEqualTo(201);
            assertThat(submit(http, beta, "beta", "beta-1").status()).isEqualTo(201);
            Http.Answer full = submit(http, beta, "beta", "beta-2");
            AuthorizationTest.assertProblem(full, 429);
            assertThat(full.json().get("detail").asText())
                    .isEqualTo("the server holds 5 queued and running jobs, the most it takes (--max-live-jobs);"
                            + " submit again as jobs end");

            // a job of alpha's ends: alpha may submit again
            assertThat(http.delete("/v1/jobs/" + first).token(alpha).send().status())
                    .isEqualTo(200);
            Http.Answer after = Poll.value(
                    () -> {
                        Http.Answer a = submit(http, alpha, "alpha", "alpha-4");
                        return a.status() == 201 ? a : null;
                    },
                    10,
                    "alpha may submit again once one of its jobs ended");
            assertThat(after.json().get("queue").asText()).isEqualTo("alpha/train");

            String metrics = http.get("/metrics").send().body();
            assertThat(metrics)
                    .contains("too_many_jobs")
                    .contains("ultrafleet_live_jobs_limit 5.0")
                    .contains("ultrafleet_live_jobs_tenant_limit 3.0");
        }
    }

    @Test
    void aBurstFromManyClientsStopsExactlyAtTheLimit() throws Exception {
        try (Server server = Server.start(options(tmp.resolve("data"), 300, 0), null)) {
            Http http = Http.at(server.port());
            String alpha = LocalServer.issueToken(http, "alpha").get("token").asText();
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
            try {
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    String key = "burst-" + i;
                    answers.add(clients.submit(
                            () -> submit(http, alpha, "alpha", key).status()));
                }
                int created = 0;
                int refused = 0;
                for (var a : answers) {
                    int status = a.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    created += status == 201 ? 1 : 0;
                    refused += status == 429 ? 1 : 0;
                }
                assertThat(created).isEqualTo(300);
                assertThat(refused).isEqualTo(100);
                assertThat(http.allJobs(LocalServer.ADMIN, null)).hasSize(300);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static Http.Answer submit(Http http, String token, String tenant, String key) {
        return http.post("/v1/jobs")
                .token(token)
                .header("Idempotency-Key", key)
                .body(String.format(JOB, tenant))
                .send();
    }

    private static ServerOptions options(Path data, long server, long perTenant) {
        return LocalServer.options("small.yaml", data, null, null, 1, 50_000, server, perTenant);
    }
}
