package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.PlacementBenchmark;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ultrafleet bench ...}: whole-system benchmarks. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks of Ultrafleet itself.",
        subcommands = {
            BenchCommand.Placement.class,
            BenchFailoverCommand.class,
            BenchPeersCommand.class,
            BenchScaleCommand.class,
            BenchServeCommand.class,
            BenchSlurmCommand.class
        })
final class BenchCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "placement",
            mixinStandardHelpOptions = true,
            description = "Placement speed on the default scenario's full fleet (about 200,000 GPUs): small"
                    + " placements per second, 512-rack gang latency, and the preemption search.")
    static final class Placement implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the fleet's fill (default: 1).")
        long seed = 1;

        @Override
        public Integer call() {
            var scenario = ScenarioSource.load(BuiltInScenarios.defaultName(), HardwareCatalogue.builtIn());
            PlacementBenchmark.Result r = new PlacementBenchmark(scenario).run(seed);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.printf(
                        Locale.ROOT,
                        "{\"gpus\": %d, \"racks\": %d, \"small_placements_per_s\": %.0f, \"gang_p50_ms\": %.3f,"
                                + " \"gang_p99_ms\": %.3f, \"gang_preempt_p99_ms\": %.3f,"
                                + " \"fleet_state_heap_mib\": %.1f}%n",
                        r.gpus(),
                        r.racks(),
                        r.smallPlacementsPerS(),
                        r.gangP50Ms(),
                        r.gangP99Ms(),
                        r.gangPreemptP99Ms(),
                        r.fleetStateHeapMib());
            } else {
                out.printf(Locale.ROOT, "Fleet                      %,d GPUs in %,d racks%n", r.gpus(), r.racks());
                out.printf(
                        Locale.ROOT,
                        "Small placements           %,.0f per second (median of 5 rounds)%n",
                        r.smallPlacementsPerS());
                out.printf(
                        Locale.ROOT,
                        "512-rack gang placement    p50 %.3f ms, p99 %.3f ms%n",
                        r.gangP50Ms(),
                        r.gangP99Ms());
                out.printf(Locale.ROOT, "512-rack preemption search p99 %.3f ms%n", r.gangPreemptP99Ms());
                out.printf(Locale.ROOT, "Fleet state on the heap    %.1f MiB%n", r.fleetStateHeapMib());
            }
            out.flush();
            return 0;
        }
    }
}
