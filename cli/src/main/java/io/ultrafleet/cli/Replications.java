package io.ultrafleet.cli;

import io.ultrafleet.report.Reports;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate --replications N}: the scenario with seeds seed, seed+1, ... seed+N-1, in parallel up to the core
 * count, each into {@code DIR/rep-SEED/}, then {@code DIR/replications.json} and {@code DIR/report.html} with the mean
 * and 95 % confidence interval of every headline figure.
 */
final class Replications {
    private Replications() {}

    static void run(Scenario scenario, String yaml, int n, Path out, boolean json, PrintWriter stdout, PrintWriter err)
            throws IOException {
        List<ParallelRuns.Task> tasks = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seed = scenario.seed() + i;
            Path dir = out.resolve("rep-" + seed);
            dirs.add(dir);
            tasks.add(new ParallelRuns.Task(scenario.with(seed, scenario.endMs()), yaml, dir, "seed " + seed));
        }
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        ParallelRuns.run(tasks, err);
        Path report = Reports.writeReplications(out, dirs);
        String stats = Files.readString(out.resolve("replications.json"), StandardCharsets.UTF_8);
        if (json) {
            stdout.print(stats);
        } else {
            stdout.printf("Replications of %s: %d seeds from %d%n%n", scenario.name(), n, scenario.seed());
            stdout.print(Reports.describe(out));
            stdout.printf("%nWrote %d run directories, replications.json and %s in %s%n", n, report.getFileName(), out);
        }
        stdout.flush();
        err.printf("%d replications in %.1f s wall time%n", n, (System.nanoTime() - t0) / 1e9);
        err.flush();
    }
}
