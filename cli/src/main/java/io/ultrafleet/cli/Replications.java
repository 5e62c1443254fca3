package io.ultrafleet.cli;

import io.ultrafleet.report.Reports;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate --replications N}: the scenario with seeds seed, seed+1, ... seed+N-1, in parallel up to the core
 * count, each into {@code DIR/rep-SEED/}, then {@code DIR/replications.json} and {@code DIR/report.html} with the mean
 * and 95 % confidence interval of every headline figure. With {@code --slurm} the seeds run as one Slurm array job
 * ({@link SlurmArray}). Everything is written into a temporary folder beside
 * {@code DIR} and moved into it at the end.
 */
final class Replications {
    /** The most replications of one command. */
    static final int MAX = 1_000;

    private Replications() {}

    /** What the replications write in {@code DIR}, for the checks made before any work. */
    static List<String> files(Scenario scenario, int n) {
        List<String> out = new ArrayList<>(List.of(Reports.REPLICATIONS, Reports.REPORT));
        for (int i = 0; i < n; i++) {
            for (String f : Reports.RUN_FILES) {
                out.add(folder(scenario.seed() + i) + "/" + f);
            }
        }
        return out;
    }

    private static String folder(long seed) {
        return "rep-" + seed;
    }

    static void run(
            Scenario scenario,
            ScenarioSource text,
            int n,
            boolean slurm,
            int maxRunning,
            Path out,
            boolean json,
            PrintWriter stdout,
            PrintWriter err,
            StopSignal stop)
            throws IOException {
        long t0 = System.nanoTime();
        try (StagedOutput staged = StagedOutput.begin("--out", out, stop)) {
            List<ParallelRuns.Task> tasks = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long seed = scenario.seed() + i;
                Path dir = staged.dir().resolve(folder(seed));
                dirs.add(dir);
                tasks.add(
                        new ParallelRuns.Task(scenario.with(seed, scenario.endMs()), text.yaml(), dir, "seed " + seed));
            }
            if (slurm) {
                List<SlurmArray.Task> array = new ArrayList<>();
                for (ParallelRuns.Task t : tasks) {
                    array.add(new SlurmArray.Task(
                            null, t.scenario().seed(), t.scenario().endMs(), t.yaml(), t.dir(), t.name()));
                }
                SlurmArray.run(text, array, maxRunning, staged.dir(), err, stop);
            } else {
                ParallelRuns.run(tasks, err, stop);
            }
            Reports.writeReplications(staged.dir(), dirs);
            String summary = json ? null : Reports.describe(staged.dir());
            String stats = json ? java.nio.file.Files.readString(staged.dir().resolve(Reports.REPLICATIONS)) : null;
            stop.check();
            staged.commit();
            if (json) {
                stdout.print(stats);
            } else {
                stdout.printf("Replications of %s: %d seeds from %d%n%n", scenario.name(), n, scenario.seed());
                stdout.print(summary);
                stdout.printf(
                        "%nWrote %d run directories, %s and %s in %s%n", n, Reports.REPLICATIONS, Reports.REPORT, out);
            }
        }
        stdout.flush();
        err.printf("%d replications in %.1f s wall time%n", n, (System.nanoTime() - t0) / 1e9);
        err.flush();
    }
}
