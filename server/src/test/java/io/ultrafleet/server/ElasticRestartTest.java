package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An elastic job that ran at full size for a while and was then shrunk has done more work than its current size says.
 * A server that restarts takes it back where it was (when it last changed size, and the work done by then, are in its
 * row), so it ends when it would have ended without the restart, not as if it had run shrunk from its start.
 */
class ElasticRestartTest {
    private static final long MINUTE = 60_000L;

    private static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: elastic-restart
            start: 2026-01-01
            horizon: 2026-12-31
            fleet:
              providers:
                - name: lab
                  regions:
                    - name: home
                      sites:
                        - {name: east, racksPerBlock: 2}
              deliveries:
                - {site: east, model: h100-hgx8, racks: 2, start: 2026-01-01}
            tenants:
              - name: alpha
                queues:
                  - {name: train, priorityClass: research}
              - name: beta
                queues:
                  - {name: serve, priorityClass: production}
            """;

    @Test
    @Timeout(90)
    void aShrunkJobTakenBackAfterARestartEndsWhenItWould() throws Exception {
        // twenty server minutes every second
        try (LocalServer server = LocalServer.startText("test:elastic-restart", SCENARIO, "2026-02-01", 1200)) {
            Http http = server.http();
            long elastic = submit(http, server.tokenFor("alpha"), Http.job("alpha/train", 16, "1h", "\"minGpus\": 8"));
            Poll.until(() -> state(http, elastic).equals("running"), 10, "the elastic job running on both hosts");
            // about half an hour of the server's time at full size, then a production job takes one host
            Thread.sleep(1_500);
            submit(http, server.tokenFor("beta"), Http.job("beta/serve", 8, "1000h", null));
            Poll.until(() -> job(http, elastic).get("allocatedGpus").asInt() == 8, 10, "the elastic job at half size");
            server.restart();
            Http again = server.http(); // a new port
            Poll.until(() -> state(again, elastic).equals("succeeded"), 30, "the elastic job's end");

            JsonNode job = job(again, elastic);
            long started = Instant.parse(job.get("startedAt").asText()).toEpochMilli();
            long ended = Instant.parse(job.get("endedAt").asText()).toEpochMilli();
            long shrunk = shrunkAt(again, elastic);
            assertThat(shrunk - started).as("time at full size").isGreaterThan(15 * MINUTE);
            // an hour of work: what it did at full size, the rest at half speed
            long expected = shrunk + 2 * (60 * MINUTE - (shrunk - started));
            assertThat(ended).isBetween(expected - 2 * MINUTE, expected + 2 * MINUTE);
        }
    }

    private static long shrunkAt(Http http, long id) {
        for (JsonNode e : http.get("/v1/jobs/" + id + "/events")
                .token(LocalServer.ADMIN)
                .send()
                .json()
                .get("items")) {
            if (e.get("text").asText().startsWith("shrunk to 8 GPUs")) {
                return Instant.parse(e.get("at").asText()).toEpochMilli();
            }
        }
        throw new AssertionError("job " + id + " was never shrunk");
    }

    private static long submit(Http http, String token, String body) {
        return http.post("/v1/jobs")
                .token(token)
                .body(body)
                .send()
                .json()
                .get("id")
                .asLong();
    }

    private static JsonNode job(Http http, long id) {
        return http.get("/v1/jobs/" + id).token(LocalServer.ADMIN).send().json();
    }

    private static String state(Http http, long id) {
        return job(http, id).get("state").asText();
    }
}
