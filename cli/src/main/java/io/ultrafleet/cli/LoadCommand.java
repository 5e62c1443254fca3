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
 * a running server at their scenario times in the server's clock. Jobs whose time has passed go at once. While it
 * loads, a line on stderr every {@link #PROGRESS_MS} says how far it is and when the next job is due.
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

    @Option(names = "--max-jobs", paramLabel = "N", description = "Submit at most N jobs (at least 1).")
    Integer maxJobs;

    /** Wall milliseconds between two progress lines. */
    static final long PROGRESS_MS = 10_000;

    @Override
    public Integer call() throws InterruptedException {
        if (maxJobs != null && maxJobs < 1) {
            throw new BadFlagException("--max-jobs", String.valueOf(maxJobs), "is not a number of at least 1");
        }
        Scenario scenario = ScenarioSource.load(source, HardwareCatalogue.builtIn());
        List<TrainingJobs.Submission> jobs = TrainingJobs.of(scenario);
        if (maxJobs != null) {
            jobs = jobs.subList(0, Math.min(jobs.size(), maxJobs));
        }
        PrintWriter out = spec.commandLine().getOut();
        Loaded r = load(options.client(), jobs, spec.commandLine().getErr(), PROGRESS_MS);
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

    /** Submits {@code jobs} to the server of {@code c}, each when the server's clock reaches its time, silently. */
    static Loaded load(ApiClient c, List<TrainingJobs.Submission> jobs) throws InterruptedException {
        return load(c, jobs, null, Long.MAX_VALUE);
    }

    /**
     * Submits {@code jobs} to the server of {@code c}, each when the server's clock reaches its time, with a line on
     * {@code progress} (when not null) at most every {@code everyMs} of wall time, and before a wait that long.
     */
    static Loaded load(ApiClient c, List<TrainingJobs.Submission> jobs, PrintWriter progress, long everyMs)
            throws InterruptedException {
        ServerTime clock = ServerTime.of(c);
        int late = 0;
        int sent = 0;
        long runId = System.nanoTime();
        long lastLine = System.currentTimeMillis();
        for (TrainingJobs.Submission s : jobs) {
            long wait = clock.wallMsUntil(s.job().submitMs());
            long now = System.currentTimeMillis();
            if (progress != null && (now - lastLine >= everyMs || wait >= everyMs)) {
                progress.printf(
                        "load: %d of %d jobs submitted; the next, %s, is due at %s (server clock)%s%n",
                        sent,
                        jobs.size(),
                        s.job().name(),
                        Instant.ofEpochMilli(s.job().submitMs()),
                        wait > 0 ? ", in " + wallText(wait) : "");
                progress.flush();
                lastLine = now;
            }
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

    /** A wait in wall time, as a person would say it: 45 s, 12 min, 3.5 h. */
    static String wallText(long ms) {
        if (ms < 120_000) {
            return Math.max(1, Math.round(ms / 1000.0)) + " s";
        }
        if (ms < 2 * 3_600_000) {
            return Math.round(ms / 60_000.0) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", ms / 3_600_000.0);
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
