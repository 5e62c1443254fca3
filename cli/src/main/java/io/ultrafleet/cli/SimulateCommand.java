package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.report.Reports;
import io.ultrafleet.spec.ShortList;
import io.ultrafleet.twin.output.RunOutputs;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet simulate}: runs the twin on a scenario. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run the twin on a scenario file or a built-in scenario (default: aws-openai-2025).")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE|NAME",
            description = "Scenario file, or the name of a built-in scenario (`ultrafleet scenario list`).")
    String source;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random streams (default: the scenario's).")
    Long seed;

    @Option(
            names = "--until",
            paramLabel = "YYYY-MM-DD",
            description = "Stop at the end of this day (UTC) instead of the scenario's horizon.")
    LocalDate until;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write summary.json, timeseries.csv, scenario.yaml and report.html here.")
    Path out;

    @Option(
            names = "--replications",
            paramLabel = "N",
            description = "Run N seeds (the seed, seed+1, ...) in parallel up to the core count, each into"
                    + " DIR/rep-SEED/, and write DIR/replications.json and DIR/report.html with means and 95 %%"
                    + " confidence intervals. Needs --out.")
    Integer replications;

    @Option(
            names = "--slurm",
            description = "With --replications: run the seeds as one Slurm array job (one task each) on the cluster"
                    + " the Slurm environment names (SLURM_CONF, SBATCH_PARTITION, ...), wait, and report as the local"
                    + " run does. DIR must be on a file system the cluster's nodes share (docs/slurm-serve.md).")
    boolean slurm;

    @Mixin
    SlurmFlags slurmFlags;

    @Mixin
    SetFlag set;

    @Option(names = "--json", description = "Print the summary JSON on stdout and nothing else there.")
    boolean json;

    @Option(
            names = "--explain",
            paramLabel = "JOB",
            description = "Print the scheduler's decisions about one job: an explicit job's name, or GENERATOR-N for"
                    + " the N-th job of a generator (on stderr with --json).")
    String explain;

    @Override
    public Integer call() throws IOException {
        StopSignal stop = Main.stopSignal(spec);
        ScenarioSource given = ScenarioSource.of(source);
        Scenario scenario = set.load(given);
        ScenarioSource text = set.effective(given);
        scenario = scenario.with(seed != null ? seed : scenario.seed(), horizon(scenario));
        checkExplain(scenario);
        if (slurm && replications == null) {
            throw new BadFlagException(
                    "--slurm", null, "runs replications on Slurm; give --replications N and --out DIR");
        }
        int maxRunning = slurmFlags.maxRunning(slurm);
        if (replications != null) {
            checkReplications(scenario);
            OutputChecks.folder("--out", out, Replications.files(scenario, replications));
            text.checkRun(scenario, ParallelRuns.threads(replications));
            Replications.run(
                    scenario,
                    text,
                    replications,
                    slurm,
                    maxRunning,
                    out,
                    json,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr(),
                    stop);
            return 0;
        }
        if (out != null) {
            OutputChecks.folder("--out", out, Reports.RUN_FILES);
        }
        text.checkRun(scenario, 1);

        RunResult result;
        double wallS;
        double cpuS;
        // the output's temporary folder is made before the run: a place that takes nothing is refused at once
        try (StagedOutput staged = out == null ? null : StagedOutput.begin("--out", out, stop)) {
            TwinRun run = new TwinRun(scenario, HardwareCatalogue.builtIn());
            if (explain != null) {
                run.explain(explain);
            }
            Progress progress = Progress.forStderr(scenario.startMs(), scenario.endMs(), stop);
            run.onProgress(progress);
            long t0 = System.nanoTime();
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            result = run.run();
            wallS = (System.nanoTime() - t0) / 1e9;
            cpuS = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
            progress.done();
            if (staged != null) {
                Reports.writeRun(result, text.yaml(), staged.dir(), staged.name());
                stop.check();
                staged.commit();
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.print(SummaryJson.toJson(result));
        } else {
            SummaryTable.print(result, stdout);
            if (out != null) {
                stdout.printf(
                        "%nWrote %s, %s, %s and %s in %s%n",
                        RunOutputs.SUMMARY, RunOutputs.TIME_SERIES, Reports.SCENARIO, Reports.REPORT, out);
            }
        }
        stdout.flush();
        if (result.history() != null) {
            PrintWriter where = json ? spec.commandLine().getErr() : stdout;
            HistoryPrinter.print(result.history(), where);
            where.flush();
        }
        spec.commandLine()
                .getErr()
                .printf(
                        "simulated %d days in %.1f s wall time, %.1f s CPU (%,.0f events/s)%n",
                        (scenario.endMs() - scenario.startMs()) / 86_400_000L,
                        wallS,
                        cpuS,
                        result.events() / Math.max(1e-9, wallS));
        return 0;
    }

    private long horizon(Scenario s) {
        return UntilFlag.horizon(until, s);
    }

    /** The job to explain must be an explicit job or GENERATOR-N for a generator of the scenario. */
    private void checkExplain(Scenario s) {
        if (explain == null) {
            return;
        }
        boolean explicit = s.training().jobs().stream().anyMatch(j -> j.name().equals(explain));
        boolean generated = s.training().generators().stream()
                .anyMatch(g -> explain.startsWith(g.name() + "-")
                        && explain.substring(g.name().length() + 1).matches("[1-9][0-9]{0,17}"));
        if (!explicit && !generated) {
            List<String> jobs = s.training().jobs().stream().map(j -> j.name()).toList();
            List<String> generators =
                    s.training().generators().stream().map(g -> g.name()).toList();
            List<String> allowed = new java.util.ArrayList<>();
            if (!jobs.isEmpty()) {
                allowed.add("an explicit job (" + ShortList.join(jobs) + ")");
            }
            if (!generators.isEmpty()) {
                allowed.add("GENERATOR-N for a generator (" + ShortList.join(generators) + ")");
            }
            throw new BadFlagException(
                    "--explain",
                    explain,
                    "is no job of " + s.name() + "; allowed "
                            + (allowed.isEmpty()
                                    ? "none: the scenario has no training jobs"
                                    : String.join(" or ", allowed)));
        }
    }

    private void checkReplications(Scenario s) {
        if (replications < 2 || replications > Replications.MAX) {
            throw new BadFlagException(
                    "--replications",
                    replications.toString(),
                    "is out of range; allowed an integer from 2 to " + Replications.MAX
                            + " (one run needs no --replications)");
        }
        if (out == null) {
            throw new BadFlagException("--replications", replications.toString(), "needs --out DIR for the runs");
        }
        if (explain != null) {
            throw new BadFlagException("--explain", explain, "works with one run; leave out --replications");
        }
        if (s.seed() > Long.MAX_VALUE - replications) {
            throw new BadFlagException(
                    "--seed",
                    Long.toString(s.seed()),
                    "is too large for " + replications + " replications (seeds seed to seed+N-1 must be integers"
                            + " up to 9223372036854775807)");
        }
    }
}
