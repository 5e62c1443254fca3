package io.ultrafleet.bench.scale;

import io.ultrafleet.bench.run.ResultLine;
import io.ultrafleet.bench.run.RunMeter;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import io.ultrafleet.twin.scenario.ScenarioScaler;
import java.io.StringReader;

/**
 * One size of {@code ultrafleet bench scale}, run in its own JVM: the default scenario brought to {@code GPUS} GPUs
 * by {@link ScenarioScaler}, from its start for {@code DAYS} simulated days, through the real twin ({@link TwinRun}:
 * fleet ramp, all training generators, quotas, preemption, elastic jobs, failures and hourly time series).
 *
 * <p>The clock runs from building the twin to the end of the run: JVM start, reading the scenario and scaling it are
 * left out, so that the time per GPU compares the simulation itself across sizes.
 *
 * <p>Usage: {@code ScaleRun GPUS DAYS}. Prints one {@link ResultLine}.
 */
public final class ScaleRun {
    private static final long DAY_MS = 86_400_000L;

    private ScaleRun() {}

    public static void main(String[] args) {
        long target = Long.parseLong(args[0]);
        int days = Integer.parseInt(args[1]);
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        String name = BuiltInScenarios.defaultName();
        Scenario base = new ScenarioLoader(catalogue)
                .load(
                        BuiltInScenarios.sourceName(name),
                        new StringReader(BuiltInScenarios.yaml(name).orElseThrow()));
        Scenario scaled = ScenarioScaler.toGpus(base, catalogue, target);
        scaled = scaled.with(scaled.seed(), scaled.startMs() + days * DAY_MS);
        try (RunMeter meter = RunMeter.start()) {
            RunResult r = new TwinRun(scaled, catalogue).run();
            meter.stop();
            long span = scaled.endMs() - scaled.startMs();
            System.out.println(new ResultLine()
                    .put("scenario", scaled.name())
                    .put("gpus_target", target)
                    .put("gpus", ScenarioScaler.gpus(scaled, catalogue))
                    .put("gpus_online_end", r.fleetGpus())
                    .put("gpus_online_mean", r.onlineGpuMs() / (double) span)
                    .put("days", days)
                    .put("jobs_submitted", r.jobsSubmitted())
                    .put("jobs_completed", r.jobsCompleted())
                    .put("faults", r.faults())
                    .put("cycles", r.schedulingCycles())
                    .put("events", r.events())
                    .put("gpu_allocation_pct", r.gpuAllocationPct())
                    .measured(meter));
        }
    }
}
