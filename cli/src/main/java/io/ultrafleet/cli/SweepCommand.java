package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.report.Reports;
import io.ultrafleet.spec.FieldOverride;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioOverrides;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet sweep FILE --set PATH=V1,V2,...}: the scenario once per value of one field, then a report of each
 * headline figure against the value. Every value is checked before anything runs.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = "Run a scenario once per value of one field and plot each headline figure against the value.")
final class SweepCommand implements Callable<Integer> {
    /** The most values of one sweep. */
    static final int MAX_VALUES = 100;

    /** The longest {@code --set}. */
    static final int MAX_SET_CHARS = 10_000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME", description = "Scenario file, or a built-in scenario's name.")
    String source;

    @Option(
            names = "--set",
            required = true,
            paramLabel = "PATH=V1,V2,...",
            description = "The field to sweep, by its dotted path as errors name it (scheduler.backfill.maxGangs,"
                    + " reliability.generationMultiplier, fleet.deliveries[0].racks), and its values.")
    String set;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "sweep",
            description = "Where to write the runs" + " and the report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every run (default: the scenario's).")
    Long seed;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Stop every run at the end of this day.")
    LocalDate until;

    @Option(
            names = "--slurm",
            description = "Run the values as one Slurm array job (one task each) on the cluster the Slurm environment"
                    + " names (SLURM_CONF, SBATCH_PARTITION, ...), wait, and report as a local sweep does. The output"
                    + " folder must be on a file system the cluster's nodes share (docs/slurm-serve.md).")
    boolean slurm;

    @Mixin
    SlurmFlags slurmFlags;

    @Override
    public Integer call() throws IOException {
        StopSignal stop = Main.stopSignal(spec);
        if (set.length() > MAX_SET_CHARS) {
            throw new BadFlagException("--set", set, "is too long; allowed at most " + MAX_SET_CHARS + " characters");
        }
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new BadFlagException(
                    "--set", set, "is not PATH=V1,V2,... such as scheduler.backfill.maxGangs=4,8,16");
        }
        String path = set.substring(0, eq).strip();
        if (!FieldOverride.PATH.matcher(path).matches()) {
            throw new BadFlagException(
                    "--set", set, "names the path '" + path + "'; allowed " + FieldOverride.PATH_SYNTAX);
        }
        List<String> values = values(set.substring(eq + 1));
        ScenarioSource text = ScenarioSource.of(source);
        text.scenario(HardwareCatalogue.builtIn(), List.of());
        List<Scenario> scenarios = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> files = new ArrayList<>(List.of(Reports.SWEEP, Reports.REPORT));
        for (int i = 0; i < values.size(); i++) {
            List<FieldOverride> o = List.of(new FieldOverride(path, values.get(i)));
            Scenario s;
            try {
                s = text.scenario(HardwareCatalogue.builtIn(), o);
            } catch (ScenarioException e) {
                if (e.detail().startsWith("--set ")) {
                    throw e;
                }
                throw new BadFlagException(
                        "--set", path + "=" + values.get(i), "gives a scenario that is not valid: " + e.getMessage());
            }
            s = s.with(seed != null ? seed : s.seed(), UntilFlag.horizon(until, s));
            text.checkRun(s, ParallelRuns.threads(values.size()));
            scenarios.add(s);
            String name = String.format("%02d-%s", i + 1, values.get(i).replaceAll("[^A-Za-z0-9._-]", "_"));
            names.add(name);
            for (String f : Reports.RUN_FILES) {
                files.add(name + "/" + f);
            }
        }
        int maxRunning = slurmFlags.maxRunning(slurm);
        OutputChecks.folder("--out", out, files);
        long t0 = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (StagedOutput staged = StagedOutput.begin("--out", out, stop)) {
            List<ParallelRuns.Task> tasks = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                List<FieldOverride> o = List.of(new FieldOverride(path, values.get(i)));
                Path dir = staged.dir().resolve(names.get(i));
                dirs.add(dir);
                tasks.add(new ParallelRuns.Task(
                        scenarios.get(i),
                        ScenarioOverrides.yaml(text.name(), text.yaml(), o),
                        dir,
                        path + "=" + values.get(i)));
            }
            if (slurm) {
                List<SlurmArray.Task> array = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    Scenario s = scenarios.get(i);
                    ParallelRuns.Task t = tasks.get(i);
                    array.add(new SlurmArray.Task(
                            new FieldOverride(path, values.get(i)), s.seed(), s.endMs(), t.yaml(), t.dir(), t.name()));
                }
                SlurmArray.run(text, array, maxRunning, staged.dir(), err, stop);
            } else {
                ParallelRuns.run(tasks, err, stop);
            }
            Path report = Reports.writeSweep(staged.dir(), path, values, dirs);
            String summary = Reports.describe(staged.dir());
            stop.check();
            staged.commit();
            stdout.print(summary);
            stdout.printf(
                    "%nWrote %d run directories, %s and %s in %s%n",
                    values.size(), Reports.SWEEP, report.getFileName(), out);
        }
        stdout.flush();
        err.printf("sweep of %d values in %.1f s wall time%n", values.size(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private List<String> values(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : list.split(",", -1)) {
            String value = v.strip();
            if (value.isEmpty()) {
                throw new BadFlagException("--set", set, "has an empty value; allowed a list of values such as 4,8,16");
            }
            if (!out.add(value)) {
                throw new BadFlagException("--set", set, "gives the value " + value + " twice");
            }
            if (out.size() > MAX_VALUES) {
                throw new BadFlagException("--set", set, "has more than " + MAX_VALUES + " values");
            }
        }
        return List.copyOf(out);
    }
}
