package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.report.Reports;
import io.ultrafleet.spec.FieldOverride;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet slurm-task WORK N}: one task of the array job that {@code sweep --slurm} and {@code simulate
 * --replications N --slurm} submit ({@link SlurmArray}). It builds the scenario of run N from the folder's files as the
 * local run builds it (the same text, override, seed and end) and writes the run's files into its run directory.
 * Hidden: Slurm runs it, people do not.
 */
@Command(
        name = SlurmTaskCommand.NAME,
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "One run of a sweep or replications submitted with --slurm (run by Slurm).")
final class SlurmTaskCommand implements Callable<Integer> {
    static final String NAME = "slurm-task";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORK", description = "The array job's folder.")
    Path work;

    @Parameters(index = "1", paramLabel = "N", description = "The task's index (SLURM_ARRAY_TASK_ID).")
    int index;

    @Override
    public Integer call() throws IOException {
        Path file = work.resolve("task-" + index + ".properties");
        if (!Files.isRegularFile(file)) {
            throw new BadFlagException("N", Integer.toString(index), "is no task of " + work + " (no " + file + ")");
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        ScenarioSource source = new ScenarioSource(
                p.getProperty("source"), Files.readString(work.resolve("source.yaml"), StandardCharsets.UTF_8));
        List<FieldOverride> overrides = p.getProperty("override.path") == null
                ? List.of()
                : List.of(new FieldOverride(p.getProperty("override.path"), p.getProperty("override.value")));
        Scenario scenario = source.scenario(HardwareCatalogue.builtIn(), overrides)
                .with(Long.parseLong(p.getProperty("seed")), Long.parseLong(p.getProperty("endMs")));
        String yaml = Files.readString(work.resolve("task-" + index + ".yaml"), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        RunResult result = new TwinRun(scenario, HardwareCatalogue.builtIn()).run();
        Path dir = Path.of(p.getProperty("dir"));
        Files.createDirectories(dir);
        Reports.writeRun(result, yaml, dir);
        spec.commandLine()
                .getErr()
                .printf("%s done in %.1f s on %s%n", p.getProperty("name"), (System.nanoTime() - t0) / 1e9, host());
        return 0;
    }

    private static String host() {
        String node = System.getenv("SLURMD_NODENAME");
        return node == null ? "this host" : node;
    }

    /** A word for a bash script: as it is when safe, else single-quoted. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
