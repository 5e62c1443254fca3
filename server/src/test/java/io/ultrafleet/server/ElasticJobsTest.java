package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.server.forecast.Forecasting;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An elastic job that ran at full size for a while and was then shrunk has done more work than its wall time or its
 * current size say. Forecasts draw how long a job will run from how long the queue's jobs ran against what they
 * declared: what the history hands them is the work a job did at full size, which the server records when it ends. A
 * server that restarts takes a running job back where it was (when it last changed size, and the work done by then,
 * are in its row), so it ends when it would have ended without the restart.
 */
class ElasticJobsTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: elastic-jobs
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
    void anElasticJobThatRanShrunkEndsInTheHistoryWithTheWorkItDid() throws Exception {
        List<DemandHistory> seen = new CopyOnWriteArrayList<>();
        Forecasting.Factory recording = (source, text) -> new Recording(seen);
        // a server hour every second
        try (LocalServer server = LocalServer.startText("test:elastic-jobs", SCENARIO, "2026-02-01", 3600, recording)) {
            Http http = server.http();
            long elastic = submit(http, server.tokenFor("alpha"), Http.job("alpha/train", 16, "2h", "\"minGpus\": 8"));
            Poll.until(() -> state(http, elastic).equals("running"), 10, "the elastic job running on both hosts");
            // a production job takes one host: the elastic job goes on at half its size
            submit(http, server.tokenFor("beta"), Http.job("beta/serve", 8, "1000h", null));
            Poll.until(() -> state(http, elastic).equals("succeeded"), 30, "the elastic job's end");

            JsonNode job = job(http, elastic);
            long wall = Instant.parse(job.get("endedAt").asText()).toEpochMilli()
                    - Instant.parse(job.get("startedAt").asText()).toEpochMilli();
            assertThat(http.get("/v1/forecast").token(LocalServer.ADMIN).send().status())
                    .isEqualTo(200);
            DemandHistory history = seen.get(seen.size() - 1);
            DemandHistory.Ended ended = history.ended().stream()
                    .filter(e -> e.request().id() == elastic)
                    .findFirst()
                    .orElseThrow();
            // two hours of work at full size, done partly at half size: a longer run than its work
            assertThat(ended.runMs()).isBetween(2 * HOUR - MINUTE, 2 * HOUR + MINUTE);
            assertThat(wall).isGreaterThan(ended.runMs() + 10 * MINUTE);
        }
    }

    @Test
    @Timeout(90)
    void aShrunkJobTakenBackAfterARestartEndsWhenItWould() throws Exception {
        // twenty server minutes every second
        try (LocalServer server = LocalServer.startText("test:elastic-jobs", SCENARIO, "2026-02-01", 1200)) {
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
            long expected = shrunk + 2 * (HOUR - (shrunk - started));
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

    /** Forecasts as {@link HourAheadForecasting} does, and keeps every history it was given. */
    private record Recording(List<DemandHistory> seen) implements Forecasting {
        @Override
        public Forecast forecast(LiveSnapshot snapshot, DemandHistory history) {
            seen.add(history);
            return new HourAheadForecasting().forecast(snapshot, history);
        }

        @Override
        public long windowMs() {
            return 7 * 24 * HOUR;
        }

        @Override
        public void close() {}
    }
}
