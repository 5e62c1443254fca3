package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.SlurmBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ultrafleet bench slurm}: the same gang workload through Ultrafleet and straight to Slurm, on a lab. */
@Command(
        name = "slurm",
        mixinStandardHelpOptions = true,
        description = "Start a Slurm lab of its own (scripts/slurm-lab.sh, as root) in a temporary folder, run one gang"
                + " workload (jobs of one rack, two racks and a whole block) through Ultrafleet's serve and straight"
                + " to slurmrestd, placed by Slurm itself, and report submit-to-running percentiles and the share of"
                + " gangs kept in one block. The lab is stopped at the end, also on failure and Ctrl-C.")
final class BenchSlurmCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            defaultValue = "60",
            description = "Jobs of the workload, from 5 to 500 (default: ${DEFAULT-VALUE}, about 9 minutes).")
    int jobs;

    @Option(
            names = "--port-base",
            paramLabel = "PORT",
            defaultValue = "47800",
            description = "First port of the lab's daemons, from 1024 to 60000 (default: ${DEFAULT-VALUE}).")
    int portBase;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (jobs < 5 || jobs > 500) {
            throw new BadFlagException("--jobs", String.valueOf(jobs), "is not a number from 5 to 500");
        }
        if (portBase < 1024 || portBase > 60000) {
            throw new BadFlagException("--port-base", String.valueOf(portBase), "is not a port from 1024 to 60000");
        }
        SlurmBenchmark.Result r = new SlurmBenchmark(jobs, portBase).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(
                    Locale.ROOT,
                    "{\"jobs\": %d, \"ultrafleet\": %s, \"slurm\": %s}%n",
                    r.jobs(),
                    side(r.ultrafleet()),
                    side(r.slurm()));
        } else {
            out.printf(Locale.ROOT, "Jobs                          %d (one rack, two racks, whole blocks)%n", r.jobs());
            out.printf(Locale.ROOT, "                              Ultrafleet   Slurm alone%n");
            out.printf(
                    Locale.ROOT,
                    "Submit to running p50         %6.2f s     %6.2f s%n",
                    r.ultrafleet().p50S(),
                    r.slurm().p50S());
            out.printf(
                    Locale.ROOT,
                    "Submit to running p99         %6.2f s     %6.2f s%n",
                    r.ultrafleet().p99S(),
                    r.slurm().p99S());
            out.printf(
                    Locale.ROOT,
                    "On the idle lab, p50          %6.2f s     %6.2f s%n",
                    r.ultrafleet().idleP50S(),
                    r.slurm().idleP50S());
            out.printf(
                    Locale.ROOT,
                    "On the idle lab, p99          %6.2f s     %6.2f s%n",
                    r.ultrafleet().idleP99S(),
                    r.slurm().idleP99S());
            out.printf(
                    Locale.ROOT,
                    "Gangs in one block            %6.1f %%     %6.1f %%%n",
                    r.ultrafleet().inOneBlockPct(),
                    r.slurm().inOneBlockPct());
            out.printf(
                    Locale.ROOT,
                    "Block-sized gangs in one block %5.1f %%     %6.1f %%%n",
                    r.ultrafleet().blockSizedInOneBlockPct(),
                    r.slurm().blockSizedInOneBlockPct());
        }
        out.flush();
        return 0;
    }

    private static String side(SlurmBenchmark.Side s) {
        return String.format(
                Locale.ROOT,
                "{\"submit_to_running_p50_s\": %.2f, \"submit_to_running_p99_s\": %.2f,"
                        + " \"gang_in_one_block_pct\": %.1f, \"block_sized_gang_in_one_block_pct\": %s,"
                        + " \"idle_submit_to_running_p50_s\": %.2f, \"idle_submit_to_running_p99_s\": %.2f}",
                s.p50S(),
                s.p99S(),
                s.inOneBlockPct(),
                Double.isNaN(s.blockSizedInOneBlockPct())
                        ? "null"
                        : String.format(Locale.ROOT, "%.1f", s.blockSizedInOneBlockPct()),
                s.idleP50S(),
                s.idleP99S());
    }
}
