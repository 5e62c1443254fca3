package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.server.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live server chooses sites as its scenario's {@code scheduler.placement} says, as the twin does: the cheapest site
 * first, with the sites' prices read from the scenario's contracts, and no provider holding more than half of a
 * class's GPUs, for a queue added through the API too; a job the cap would never let run is refused at submission.
 */
class ServePlacementTest {
    private static final String SCENARIO = "src/test/resources/live/placement.yaml";
    private static final String ADMIN = "placement-admin-token-0123456789";

    @Test
    void jobsGoToTheCheapSiteUntilTheCapSendsThemToTheDearOne(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        Server started;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            started = Server.start(
                    LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), 1, ADMIN),
                    null,
                    TwinSiteFacts.reader());
        } finally {
            System.setErr(stderr);
        }
        // the log says which rules apply, and that the twin's pace is not the server's
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("placement: sites ranked by cost, at most 50 % of a class's GPUs at one provider\n")
                .contains("scheduler.cycleInterval (1m) sets the twin's pace: serve runs a scheduling cycle as soon as"
                        + " something changes (its forecasts too)");
        try (Server server = started) {
            ApiClient admin = new ApiClient("http://127.0.0.1:" + server.port(), ADMIN);
            // four hosts fit the cheap site, but no provider may ever hold 32 of the class's 48 GPUs: refused
            assertThatThrownBy(() -> admin.post(
                            "/v1/jobs", "{\"queue\": \"lab/train\", \"gpus\": 32, \"duration\": \"1h\"}", null))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("field 'gpus': found 32, allowed a job that the concentration cap lets run at one"
                            + " provider: at most 24 GPUs of priority class training"
                            + " (scheduler.placement.concentration)");
            // three hosts of the cheap provider: 24 of the fleet's 48 GPUs, the cap
            for (String name : new String[] {"a1", "a2", "a3"}) {
                assertThat(siteOf(admin, submit(admin, "lab/train", name)))
                        .as(name)
                        .isEqualTo("cheap");
            }
            // a cheap host is free, but the cap sends the next job to the dear provider
            assertThat(siteOf(admin, submit(admin, "lab/train", "b1"))).isEqualTo("dear");

            // a queue added later counts in its class as well
            admin.send("PUT", "/v1/queues/lab/extra", "{\"priorityClass\":\"training\"}", Map.of());
            assertThat(siteOf(admin, submit(admin, "lab/extra", "c1"))).isEqualTo("dear");

            // the fleet by provider, for a provider's share: in /v1/fleet and in the metrics
            JsonNode fleet = admin.get("/v1/fleet");
            assertThat(fleet.toString()).contains("\"site\":\"cheap\",\"provider\":\"cheapco\"");
            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .containsPattern(
                            "ultrafleet_gpus_allocated\\{model=\"h100-hgx8\",provider=\"cheapco\",site=\"cheap\",?} 24(\\.0)?\n")
                    .containsPattern(
                            "ultrafleet_gpus_allocated\\{model=\"h100-hgx8\",provider=\"dearco\",site=\"dear\",?} 16(\\.0)?\n")
                    // the class's GPUs at each provider, against its cap
                    .containsPattern("ultrafleet_cap_used\\{class=\"training\",provider=\"cheapco\",?} 24(\\.0)?\n")
                    .containsPattern("ultrafleet_cap_used\\{class=\"training\",provider=\"dearco\",?} 16(\\.0)?\n")
                    .containsPattern("ultrafleet_cap_limit\\{class=\"training\",?} 24(\\.0)?\n");
        }
    }

    private static long submit(ApiClient c, String queue, String name) {
        String body = "{\"queue\": \"" + queue + "\", \"gpus\": 8, \"duration\": \"10h\", \"name\": \"" + name + "\"}";
        return c.post("/v1/jobs", body, null).get("id").asLong();
    }

    /** The site the job runs at, once it runs. */
    private static String siteOf(ApiClient c, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode job = c.get("/v1/jobs/" + id);
        while (!job.get("state").asText().equals("running")) {
            assertThat(System.nanoTime())
                    .as(
                            "job %d running within 30 s (it is %s)",
                            id, job.get("state").asText())
                    .isLessThan(deadline);
            Thread.sleep(50);
            job = c.get("/v1/jobs/" + id);
        }
        return job.get("placement").get("site").asText();
    }
}
