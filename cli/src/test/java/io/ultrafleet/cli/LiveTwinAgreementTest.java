package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.Server;
import io.ultrafleet.twin.run.TrainingJobs;
import io.ultrafleet.twin.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenario run by the twin and by a live server fed its jobs with {@code load}: the server runs the same
 * scheduler core on its own clock (here 3,600 times the wall clock), so the GPU-hours it allocates and the jobs it
 * completes agree with the twin's within 5 %.
 */
class LiveTwinAgreementTest {
    private static final String SCENARIO = "src/test/resources/live/live-vs-twin.yaml";
    private static final String ADMIN = "live-twin-admin-token-0123456789";
    private static final double SCALE = 3_600;

    @Test
    void allocatedGpuHoursAndCompletedJobsAgreeWithinFivePercent(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("twin");
        assertThat(Main.run("simulate", SCENARIO, "--out", out.toString(), "--json"))
                .isZero();
        JsonNode summary = ApiClient.JSON.readTree(out.resolve("summary.json").toFile());
        double twinGpuHours = summary.get("gpu_hours").get("allocated").asDouble();
        long twinCompleted = summary.get("jobs").get("completed").asLong();

        Scenario scenario = ScenarioSource.load(SCENARIO, HardwareCatalogue.builtIn());
        String text = Files.readString(Path.of(SCENARIO), StandardCharsets.UTF_8);
        try (Server server = Server.start(LoopbackServers.options(SCENARIO, text, tmp.resolve("data"), SCALE, ADMIN))) {
            ApiClient c = new ApiClient("http://127.0.0.1:" + server.port(), ADMIN);
            java.io.StringWriter progress = new java.io.StringWriter();
            List<TrainingJobs.Submission> submissions = TrainingJobs.of(scenario);
            LoadCommand.Loaded loaded = LoadCommand.load(c, submissions, new java.io.PrintWriter(progress), 5_000);
            // a line at most every 5 s of the load's wall time, saying how far it is and what comes next
            assertThat(progress.toString().lines())
                    .isNotEmpty()
                    .allMatch(l -> l.matches("load: \\d+ of " + submissions.size() + " jobs submitted; the next, \\S+,"
                            + " is due at \\S+Z \\(server clock\\)(, in \\d+ s)?"));
            assertThat(loaded.submitted())
                    .isEqualTo(summary.get("jobs").get("submitted").asInt());
            assertThat(loaded.late()).as("jobs sent after their time").isLessThanOrEqualTo(loaded.submitted() / 50);
            long horizon = scenario.endMs();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (serverTime(c) < horizon + 60_000 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<JsonNode> jobs = allJobs(c);
            double liveGpuHours = 0;
            long liveCompleted = 0;
            for (JsonNode j : jobs) {
                if (j.get("startedAt").isNull()) {
                    continue;
                }
                long start = Instant.parse(j.get("startedAt").asText()).toEpochMilli();
                long end = j.get("endedAt").isNull()
                        ? horizon
                        : Math.min(
                                horizon,
                                Instant.parse(j.get("endedAt").asText()).toEpochMilli());
                if (end > start) {
                    liveGpuHours += j.get("gpus").asInt() * (end - start) / 3_600_000.0;
                }
                if (j.get("state").asText().equals("succeeded")
                        && Instant.parse(j.get("endedAt").asText()).toEpochMilli() < horizon) {
                    liveCompleted++;
                }
            }
            System.out.printf(
                    "live vs twin: allocated %.1f vs %.1f GPU-hours (%+.2f %%), completed %d vs %d (%+.2f %%)%n",
                    liveGpuHours,
                    twinGpuHours,
                    100 * (liveGpuHours / twinGpuHours - 1),
                    liveCompleted,
                    twinCompleted,
                    100 * ((double) liveCompleted / twinCompleted - 1));
            assertThat(liveGpuHours).isCloseTo(twinGpuHours, org.assertj.core.data.Percentage.withPercentage(5));
            assertThat((double) liveCompleted)
                    .isCloseTo((double) twinCompleted, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    private static long serverTime(ApiClient c) {
        return Instant.parse(c.get("/v1/fleet").get("at").asText()).toEpochMilli();
    }

    private static List<JsonNode> allJobs(ApiClient c) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = c.get("/v1/jobs?limit=1000" + (after == null ? "" : "&after=" + after));
            page.get("items").forEach(out::add);
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return out;
    }
}
