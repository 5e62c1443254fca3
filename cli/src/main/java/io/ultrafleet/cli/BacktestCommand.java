package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.forecast.Backtest;
import io.ultrafleet.twin.forecast.BacktestJson;
import io.ultrafleet.twin.forecast.BacktestResult;
import io.ultrafleet.twin.forecast.BacktestSettings;
import io.ultrafleet.twin.forecast.ForecastSettings;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioScaler;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet backtest SCENARIO --at DATE}: forecasts of the jobs that waited in a window of a twin run, each made
 * from the run's state at its submission, held against when they really started, beside a Slurm-style estimate
 * (docs/forecast.md).
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Hold Ultrafleet's start-time forecasts against a twin run: every job submitted in the --days after"
                    + " --at that did not start within a minute (the first --jobs, in submission order) is forecast"
                    + " from the run's state and history at its submission and compared with when it really started,"
                    + " beside a Slurm-style estimate (declared run times, no arrivals, no failures). Prints the"
                    + " median and p90 absolute error in hours of both, and the share of starts inside the"
                    + " forecast's p10-p90 band."
        })
final class BacktestCommand implements Callable<Integer> {
    static final int MAX_DAYS = 90;
    static final int MAX_JOBS = 10_000;
    static final double MIN_DEMAND = 0.01;
    static final double MAX_DEMAND = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME", description = "Scenario file, or a built-in scenario's name.")
    String source;

    @Option(
            names = "--at",
            required = true,
            paramLabel = "YYYY-MM-DD",
            description = "The first day (UTC) of the window of submissions.")
    LocalDate at;

    @Option(
            names = "--days",
            defaultValue = "" + BacktestSettings.DEFAULT_DAYS,
            paramLabel = "N",
            description = "Days in the window (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--jobs",
            defaultValue = "" + BacktestSettings.DEFAULT_JOBS,
            paramLabel = "N",
            description = "Jobs forecast at most, the first that waited (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(
            names = "--replications",
            defaultValue = "16",
            paramLabel = "N",
            description = "Runs of the twin per forecast (default: ${DEFAULT-VALUE}).")
    int replications;

    @Option(
            names = "--history-days",
            defaultValue = "7",
            paramLabel = "N",
            description = "Days of history each forecast reads its demand from (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the run (default: the scenario's).")
    Long seed;

    @Mixin
    SetFlag set;

    @Option(
            names = "--demand",
            defaultValue = "1",
            paramLabel = "F",
            description = "Multiply every training generator's arrival rates by F before the run, from "
                    + MIN_DEMAND + " to " + MAX_DEMAND + " (default: ${DEFAULT-VALUE}): queues form on a fleet"
                    + " ahead of its demand.")
    double demand;

    @Option(names = "--json", description = "Print the result as JSON on stdout and nothing else there.")
    boolean json;

    @Override
    public Integer call() {
        StopSignal stop = Main.stopSignal(spec);
        if (days < 1 || days > MAX_DAYS) {
            throw new BadFlagException(
                    "--days", Integer.toString(days), "is out of range; allowed an integer from 1 to " + MAX_DAYS);
        }
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new BadFlagException(
                    "--jobs", Integer.toString(jobs), "is out of range; allowed an integer from 1 to " + MAX_JOBS);
        }
        if (replications < 1 || replications > ForecastSettings.MAX_REPLICATIONS) {
            throw new BadFlagException(
                    "--replications",
                    Integer.toString(replications),
                    "is out of range; allowed an integer from 1 to " + ForecastSettings.MAX_REPLICATIONS);
        }
        if (historyDays < 1 || historyDays > MAX_DAYS) {
            throw new BadFlagException(
                    "--history-days",
                    Integer.toString(historyDays),
                    "is out of range; allowed an integer from 1 to " + MAX_DAYS);
        }
        if (!(demand >= MIN_DEMAND && demand <= MAX_DEMAND)) {
            throw new BadFlagException(
                    "--demand",
                    FlagConverters.shown(demand),
                    "is out of range; allowed a number from " + FlagConverters.shown(MIN_DEMAND) + " to "
                            + FlagConverters.shown(MAX_DEMAND));
        }
        ScenarioSource text = ScenarioSource.of(source);
        Scenario scenario = set.load(text);
        if (demand != 1) {
            scenario = ScenarioScaler.withTrainingDemand(scenario, demand);
        }
        scenario = scenario.with(seed != null ? seed : scenario.seed(), scenario.endMs());
        long atMs = atMs(scenario);
        text.checkRun(scenario, 1);
        ForecastSettings forecast = ForecastSettings.defaults()
                .withHorizon(BacktestSettings.DEFAULT_HORIZON_MS)
                .withReplications(replications)
                .withWindow(historyDays * ForecastSettings.DAY_MS)
                .withThreads(ParallelRuns.threads(replications));
        BacktestSettings settings = new BacktestSettings(atMs, days, jobs, forecast);
        long t0 = System.nanoTime();
        BacktestResult result = new Backtest(HardwareCatalogue.builtIn(), settings, System::nanoTime)
                .run(
                        scenario,
                        new BacktestProgress(
                                scenario.startMs(),
                                settings.runEndMs(scenario.endMs()),
                                stop,
                                spec.commandLine().getErr()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(BacktestJson.toJson(result));
        } else {
            print(result, out);
        }
        out.flush();
        spec.commandLine()
                .getErr()
                .printf("back-tested %d jobs in %.1f s wall time%n", result.jobs(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** The window's first instant, which must fall inside the scenario. */
    private long atMs(Scenario s) {
        long ms = at.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        if (ms < s.startMs() || ms >= s.endMs()) {
            throw new BadFlagException(
                    "--at",
                    at.toString(),
                    "is outside the scenario " + s.name() + "; allowed a day from " + day(s.startMs()) + " to "
                            + day(s.endMs() - 1));
        }
        return ms;
    }

    private static LocalDate day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private void print(BacktestResult r, PrintWriter out) {
        BacktestSettings s = r.settings();
        out.printf(
                "Back-test of %s, seed %d: jobs submitted %s to %s that waited more than a minute%n",
                r.scenario(), r.seed(), day(s.atMs()), day(s.untilMs() - 1));
        out.printf(
                "%,d waited; the first %,d forecast from the state at their submission (%d replications, %d-day"
                        + " horizon)%n%n",
                r.waited(), r.jobs(), s.forecast().replications(), s.forecast().horizonMs() / ForecastSettings.DAY_MS);
        double[] u = r.ultrafleetErrors();
        double[] slurm = r.slurmStyleErrors();
        out.printf("%-22s %16s %16s %20s%n", "", "median |error|", "p90 |error|", "starts in p10-p90");
        out.printf("%-22s %14.2f h %14.2f h %18.1f %%%n", "Ultrafleet forecast", u[0], u[1], 100 * r.coverage());
        out.printf("%-22s %14.2f h %14.2f h %20s%n", "Slurm-style estimate", slurm[0], slurm[1], "-");
    }
}
