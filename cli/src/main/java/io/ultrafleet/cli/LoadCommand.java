package io.ultrafleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.run.TrainingJobs;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet load}: a scenario's training jobs (explicit and generated, the same a twin run sees) submitted to
 * a running server at their scenario times in the server's clock. Jobs whose time has passed go at once.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Submit a scenario's training jobs to a server at their scenario times, in the server's clock.")
final class LoadCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "FILE|NAME", description = "Scenario file, or a built-in name.")
    String source;

    @Option(names = "--max-jobs", paramLabel = "N", description = "Submit at most N jobs.")
    Integer maxJobs;

    @Override
    public Integer call() throws InterruptedException {
        Scenario scenario = ScenarioSource.load(source, HardwareCatalogue.builtIn());
        List<TrainingJobs.Submission> jobs = TrainingJobs.of(scenario);
        if (maxJobs != null) {
            jobs = jobs.subList(0, Math.min(jobs.size(), Math.max(0, maxJobs)));
        }
        PrintWriter out = spec.commandLine().getOut();
        Loaded r = load(options.client(), jobs);
        int sent = r.submitted();
        int late = r.late();
        if (options.json) {
            var o = ApiClient.JSON.createObjectNode();
            o.put("submitted", sent);
            o.put("late", late);
            ClientTables.json(out, o);
        } else {
            out.printf(
                    "%d jobs of %s submitted; %d after their scenario time (the server's clock had passed it)%n",
                    sent, scenario.name(), late);
            out.flush();
        }
        return 0;
    }

    /** How a load went: jobs submitted, and how many after their time had passed in the server's clock. */
    record Loaded(int submitted, int late) {}

    /** Submits {@code jobs} to the server of {@code c}, each when the server's clock reaches its time. */
    static Loaded load(ApiClient c, List<TrainingJobs.Submission> jobs) throws InterruptedException {
        ServerTime clock = ServerTime.of(c);
        int late = 0;
        int sent = 0;
        long runId = System.nanoTime();
        for (TrainingJobs.Submission s : jobs) {
            long wait = clock.wallMsUntil(s.job().submitMs());
            if (wait > 0) {
                Thread.sleep(wait);
            } else if (wait < -1_000) {
                late++;
            }
            c.post(
                    "/v1/jobs",
                    JobBodies.of(s.job(), s.minGpus()).toString(),
                    "load-" + runId + "-" + s.job().name());
            sent++;
        }
        return new Loaded(sent, late);
    }

    /** The server's clock as seen from here: its time at one wall instant, and its rate. */
    record ServerTime(long serverEpochMs, long wallMs, double scale) {
        static ServerTime of(ApiClient c) {
            long before = System.currentTimeMillis();
            JsonNode fleet = c.get("/v1/fleet");
            long after = System.currentTimeMillis();
            long at = Instant.parse(fleet.get("at").asText()).toEpochMilli();
            double scale = fleet.has("timeScale") ? fleet.get("timeScale").asDouble() : 1.0;
            return new ServerTime(at, (before + after) / 2, scale);
        }

        /** Wall milliseconds until the server's clock reaches the absolute instant {@code epochMs}. */
        long wallMsUntil(long epochMs) {
            long serverNow = serverEpochMs + (long) ((System.currentTimeMillis() - wallMs) * scale);
            return (long) Math.ceil((epochMs - serverNow) / scale);
        }
    }
}
