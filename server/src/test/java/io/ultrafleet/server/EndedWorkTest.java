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
 * Forecasts draw how long a job will run from how long the queue's jobs ran against what they declared. An elastic job
 * that ran shrunk for a while ran longer than its work: what the history hands a forecast is the work it did at full
 * size, which the server records when the job ends, not the wall time of its run.
 */
class EndedWorkTest {
    private static final long HOUR = 3_600_000L;

    private static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: ended-work
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
        try (LocalServer server = LocalServer.startText("test:ended-work", SCENARIO, "2026-02-01", 3600, recording)) {
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
            assertThat(ended.runMs()).isBetween(2 * HOUR - 60_000L, 2 * HOUR + 60_000L);
            assertThat(wall).isGreaterThan(ended.runMs() + 10 * 60_000L);
        }
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
