package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.server.Server;
import io.ultrafleet.server.forecast.Forecasting;
import io.ultrafleet.twin.forecast.ForecastSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forecasts of a real server on loopback, made by the twin as {@code serve} makes them: a job that fills the fleet
 * runs, the next ones wait. The forecast of a waiting job starts when the running one ends, is kept until the state
 * changes, comes out the same from the same state on another pool, and shows a tenant only its own; the client prints
 * it.
 */
class ServeForecastTest {
    private static final String SCENARIO = "src/test/resources/live/forecast.yaml";
    private static final String ADMIN = "forecast-admin-token-0123456789";

    /** The twin's forecasting, remembering what it was asked and what it answered. */
    private static final class Recording implements Forecasting {
        final Forecasting twin;
        final List<LiveSnapshot> snapshots = new ArrayList<>();
        final List<DemandHistory> histories = new ArrayList<>();
        final List<Forecast> forecasts = new ArrayList<>();

        Recording(Forecasting twin) {
            this.twin = twin;
        }

        @Override
        public synchronized Forecast forecast(LiveSnapshot snapshot, DemandHistory history) {
            Forecast f = twin.forecast(snapshot, history);
            snapshots.add(snapshot);
            histories.add(history);
            forecasts.add(f);
            return f;
        }

        synchronized int calls() {
            return forecasts.size();
        }

        @Override
        public long windowMs() {
            return twin.windowMs();
        }

        @Override
        public void close() {
            twin.close();
        }
    }

    @Test
    void aLiveServerForecastsFromItsStateKeepsItAndShowsEachTenantItsOwn(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        ForecastSettings settings = ForecastSettings.defaults().withThreads(2);
        Recording[] made = new Recording[1];
        Forecasting.Factory factory = (source, scenario) -> {
            made[0] = new Recording(TwinForecasting.factory(settings).open(source, scenario));
            return made[0];
        };
        try (Server server =
                Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN), factory)) {
            String url = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(url, ADMIN);
            String alphaToken = admin.post("/v1/tenants/alpha/tokens", null, null)
                    .get("token")
                    .asText();
            String betaToken = admin.post("/v1/tenants/beta/tokens", null, null)
                    .get("token")
                    .asText();
            ApiClient alpha = new ApiClient(url, alphaToken);
            ApiClient beta = new ApiClient(url, betaToken);
            long big = submit(alpha, "alpha/train", 32, "2h", "big");
            long next = submit(alpha, "alpha/train", 16, "1h", "next");
            long other = submit(beta, "beta/batch", 8, "1h", "other");
            awaitState(admin, big, "running");
            assertThat(admin.get("/v1/jobs/" + next).get("state").asText()).isEqualTo("queued");

            // a queued job: it starts when the job that fills the fleet ends, two hours on
            JsonNode f = alpha.get("/v1/jobs/" + next + "/forecast");
            assertThat(f.get("state").asText()).isEqualTo("queued");
            assertThat(f.get("cached").asBoolean()).isFalse();
            assertThat(f.get("replications").asInt()).isEqualTo(16);
            assertThat(f.get("tookMs").asLong()).isNotNegative();
            Instant snapshotAt = Instant.parse(f.get("snapshotAt").asText());
            JsonNode start = f.get("start");
            Instant p10 = Instant.parse(start.get("p10").asText());
            Instant p50 = Instant.parse(start.get("p50").asText());
            Instant p90 = Instant.parse(start.get("p90").asText());
            assertThat(p10).isBeforeOrEqualTo(p50);
            assertThat(p50).isBeforeOrEqualTo(p90);
            Instant bigStarted =
                    Instant.parse(admin.get("/v1/jobs/" + big).get("startedAt").asText());
            assertThat(Duration.between(bigStarted, p50).toMinutes()).isBetween(110L, 130L);
            assertThat(start.get("withinHour").asDouble()).isZero();
            assertThat(start.get("withinDay").asDouble()).isEqualTo(1.0);
            assertThat(f.get("end").isNull()).isTrue();
            assertThat(made[0].calls()).isEqualTo(1);

            // the state has not changed: the same forecast, kept
            JsonNode again = alpha.get("/v1/jobs/" + next + "/forecast");
            assertThat(again.get("cached").asBoolean()).isTrue();
            assertThat(again.get("start")).isEqualTo(start);
            assertThat(again.get("snapshotAt")).isEqualTo(f.get("snapshotAt"));
            JsonNode running = admin.get("/v1/jobs/" + big + "/forecast");
            assertThat(running.get("cached").asBoolean()).isTrue();
            assertThat(Duration.between(
                                    bigStarted,
                                    Instant.parse(running.get("end").get("p50").asText()))
                            .toMinutes())
                    .isBetween(110L, 130L);
            assertThat(made[0].calls()).isEqualTo(1);

            // the list of jobs with their forecasts, from the same kept forecast, a tenant's own jobs only
            JsonNode listed = alpha.get("/v1/jobs?forecast=true");
            assertThat(listed.get("forecast").get("cached").asBoolean()).isTrue();
            assertThat(listed.get("forecast").get("snapshotAt")).isEqualTo(f.get("snapshotAt"));
            Map<Long, JsonNode> byId = new java.util.HashMap<>();
            listed.get("items").forEach(j -> byId.put(j.get("id").asLong(), j));
            assertThat(byId).containsOnlyKeys(big, next);
            assertThat(byId.get(next).get("forecast").get("start")).isEqualTo(start);
            assertThat(byId.get(big).get("forecast").get("end")).isEqualTo(running.get("end"));
            assertThat(alpha.get("/v1/jobs").get("items").get(0).has("forecast"))
                    .as("only when asked")
                    .isFalse();
            assertThat(made[0].calls()).isEqualTo(1);

            // the same state and seed give the same forecast, on another pool
            try (Forecasting oneThread =
                    TwinForecasting.factory(settings.withThreads(1)).open(SCENARIO, text)) {
                Forecast redone = oneThread.forecast(made[0].snapshots.get(0), made[0].histories.get(0));
                Forecast served = made[0].forecasts.get(0);
                assertThat(redone.starts()).isEqualTo(served.starts());
                assertThat(redone.ends()).isEqualTo(served.ends());
                assertThat(redone.bands()).isEqualTo(served.bands());
                assertThat(served.starts().get(next).p50()).isEqualTo(p50);
            }

            // each tenant sees its own jobs and queues; the admin all
            assertThat(status(url, betaToken, "/v1/jobs/" + next + "/forecast")).isEqualTo(404);
            assertThat(status(url, alphaToken, "/v1/jobs/" + other + "/forecast"))
                    .isEqualTo(404);
            assertThat(names(beta.get("/v1/forecast?hours=6").get("queueLength")))
                    .containsExactly("beta/batch");
            JsonNode fleet = admin.get("/v1/forecast?hours=6");
            assertThat(names(fleet.get("queueLength"))).containsExactlyInAnyOrder("alpha/train", "beta/batch");
            assertThat(fleet.get("at").size()).isEqualTo(7);
            assertThat(fleet.get("allocatedGpus").get("p50").get(0).asLong()).isEqualTo(32);
            assertThat(fleet.get("queueLength")
                            .get("alpha/train")
                            .get("p50")
                            .get(0)
                            .asLong())
                    .isEqualTo(1);

            // a change of state: a new forecast, which knows the new job
            long later = submit(beta, "beta/batch", 8, "30m", "later");
            JsonNode changed = beta.get("/v1/jobs/" + later + "/forecast");
            assertThat(changed.get("cached").asBoolean()).isFalse();
            assertThat(changed.get("start").get("p50").isNull()).isFalse();
            assertThat(made[0].calls()).isGreaterThanOrEqualTo(2);

            // the client prints them
            String shown = ClientProcesses.run(url, alphaToken, "job", Long.toString(next));
            assertThat(shown).contains("forecast start: p50 ").contains("within 1 h 0 %, 24 h 100 %");
            String starts = ClientProcesses.run(url, alphaToken, "jobs", "--start");
            assertThat(starts.lines().findFirst().orElse(""))
                    .contains("FORECAST")
                    .contains("P50")
                    .contains("WITHIN 24 H");
            assertThat(starts)
                    .containsPattern("(?m)^" + next + " +next +alpha/train +queued .* start +"
                            + start.get("p50").asText().replace(".", "\\.") + " ")
                    .containsPattern("(?m)^" + big + " +big +alpha/train +running .* end ")
                    .doesNotContain("beta/batch")
                    .contains("forecast from the state at ");
            JsonNode startsJson =
                    ApiClient.JSON.readTree(ClientProcesses.run(url, alphaToken, "jobs", "--start", "--json"));
            List<Long> ids = new ArrayList<>();
            startsJson.get("items").forEach(j -> ids.add(j.get("id").asLong()));
            assertThat(ids).contains(next, big);
            assertThat(startsJson.get("items").get(0).has("forecast")).isTrue();
            assertThat(startsJson.get("forecast").get("snapshotAt").asText()).isNotEmpty();
            assertThat(startsJson.has("noForecast")).isFalse();
            String bands = ClientProcesses.run(url, alphaToken, "forecast", "--hours", "3");
            assertThat(bands)
                    .contains("GPUS ALLOCATED")
                    .contains("alpha/train QUEUED")
                    .doesNotContain("beta/batch");
        }
    }

    @Test
    void aStateTooLargeForTheForecastsShareOfTheHeapGetsAnAnswerSayingSoAndTheServerGoesOn(@TempDir Path tmp)
            throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        // one job a run: fewer than the queue holds, as a queue of millions would be for a small heap
        ForecastSettings settings = ForecastSettings.defaults().withThreads(1).withJobBudget(1);
        try (Server server = Server.start(
                LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN),
                TwinForecasting.factory(settings))) {
            String url = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(url, ADMIN);
            long big = submit(admin, "alpha/train", 32, "2h", "big");
            long next = submit(admin, "alpha/train", 16, "1h", "next");
            awaitState(admin, big, "running");
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + next + "/forecast"))
                                    .header("Authorization", "Bearer " + ADMIN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(r.body())
                    .contains("no forecast: a forecast would hold")
                    .contains("more than the 1 its share of the heap holds")
                    .contains("give the server a larger heap")
                    .doesNotContain("try again shortly")
                    .doesNotContain("Exception");
            // the list with forecasts lists the jobs without them, and says why
            String listed = ClientProcesses.run(url, ADMIN, "jobs", "--start");
            assertThat(listed)
                    .containsPattern("(?m)^" + next + " +next +alpha/train +queued ")
                    .contains("forecast: none (")
                    .contains("no forecast: a forecast would hold");
            JsonNode listedJson = ApiClient.JSON.readTree(ClientProcesses.run(url, ADMIN, "jobs", "--start", "--json"));
            assertThat(listedJson.get("items").size()).isEqualTo(2);
            assertThat(listedJson.get("forecast").isNull()).isTrue();
            assertThat(listedJson.get("noForecast").asText()).contains("no forecast: a forecast would hold");
            // the server goes on: the next job starts once the first is cancelled
            admin.delete("/v1/jobs/" + big);
            awaitState(admin, next, "running");
        }
    }

    @Test
    void aJobThatJoinsAQueueWithNothingElseChangingMakesTheKeptForecastOutOfDate(@TempDir Path tmp) throws Exception {
        // beta's quota is used up by its first job: a job joining it waits without being looked at, so the turn that
        // takes it in writes nothing, yet the state has changed
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8)
                .replace(
                        "{name: batch, priorityClass: training}",
                        "{name: batch, priorityClass: training, quotaGpus: 8}");
        assertThat(text).contains("quotaGpus: 8");
        ForecastSettings settings = ForecastSettings.defaults().withThreads(1);
        try (Server server = Server.start(
                LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN),
                TwinForecasting.factory(settings))) {
            String url = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(url, ADMIN);
            long first = submit(admin, "beta/batch", 8, "2h", "first");
            awaitState(admin, first, "running");
            long waiting = submit(admin, "beta/batch", 8, "1h", "waiting");
            awaitWaitReason(admin, waiting);
            admin.get("/v1/jobs/" + waiting + "/forecast");
            assertThat(admin.get("/v1/jobs/" + waiting + "/forecast")
                            .get("cached")
                            .asBoolean())
                    .as("kept while nothing changes")
                    .isTrue();

            long joined = submit(admin, "beta/batch", 8, "1h", "joined");
            assertThat(admin.get("/v1/jobs/" + joined).get("state").asText()).isEqualTo("queued");
            JsonNode after = null;
            for (int i = 0; i < 100 && (after == null || after.get("cached").asBoolean()); i++) {
                Thread.sleep(50); // the loop takes the job in at its next turn, within milliseconds
                after = admin.get("/v1/jobs/" + waiting + "/forecast");
            }
            assertThat(after.get("cached").asBoolean())
                    .as("a forecast made after the job joined, not the one kept from before")
                    .isFalse();
        }
    }

    private static long submit(ApiClient c, String queue, int gpus, String duration, String name) {
        String body = "{\"queue\": \"" + queue + "\", \"gpus\": " + gpus + ", \"duration\": \"" + duration
                + "\", \"name\": \"" + name + "\"}";
        return c.post("/v1/jobs", body, null).get("id").asLong();
    }

    private static void awaitState(ApiClient c, long id, String state) throws InterruptedException {
        await(c, id, j -> j.get("state").asText().equals(state), state);
    }

    private static void awaitWaitReason(ApiClient c, long id) throws InterruptedException {
        await(c, id, j -> !j.get("waitReason").isNull(), "waiting with a reason");
    }

    /** Waits up to 30 s until job {@code id} is as {@code until} says ({@code what}, in the failure's words). */
    private static void await(ApiClient c, long id, java.util.function.Predicate<JsonNode> until, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!until.test(c.get("/v1/jobs/" + id))) {
            assertThat(System.nanoTime()).as("job %d %s within 30 s", id, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static int status(String url, String token, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .build();
        return HttpClient.newHttpClient()
                .send(r, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
