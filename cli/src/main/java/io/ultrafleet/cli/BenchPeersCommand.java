package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.ChildJvm;
import io.ultrafleet.cli.bench.PeerSide;
import io.ultrafleet.cli.bench.PeersBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ultrafleet bench peers}: Ultrafleet against CloudSim Plus on the same workload. */
@Command(
        name = "peers",
        mixinStandardHelpOptions = true,
        description = {
            "The same workload in CloudSim Plus " + PeersBenchmark.CLOUDSIM_PLUS_VERSION + " and in Ultrafleet, each in"
                    + " a JVM of its own: --hosts hosts of 8 GPUs and as many jobs of 1-8 GPUs arriving over a day,"
                    + " placed first fit (CloudSim Plus) and by Ultrafleet's scheduler. Checks that both completed"
                    + " the same work and reports wall time, events/s, peak heap and resident set, and the ratios.",
            "Exit code 1 if the two did different work."
        })
final class BenchPeersCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--hosts", paramLabel = "N", description = "Hosts, and as many jobs (default: 100000).")
    int hosts = 100_000;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the workload (default: 1).")
    long seed = 1;

    @Option(
            names = "--classpath",
            paramLabel = "PATH",
            description =
                    "Jar or class path of the benchmark classes (default: " + ChildJvm.BENCH_JAR + " of this build).")
    String classpath;

    @Option(
            names = "--jvm-arg",
            paramLabel = "ARG",
            description = "An option for both JVMs, e.g. -Xmx4g; repeat for more.")
    List<String> jvmArgs = new ArrayList<>();

    @Override
    public Integer call() {
        if (hosts < 1 || hosts > 10_000_000) {
            throw new BadFlagException(
                    "--hosts", Integer.toString(hosts), "is out of range; allowed an integer from 1 to 10000000");
        }
        PrintWriter err = spec.commandLine().getErr();
        ChildJvm jvm = BenchJvms.of(classpath, jvmArgs);
        PeersBenchmark.Result r;
        try {
            r = new PeersBenchmark(jvm).run(hosts, seed, name -> {
                err.println("running " + name + "...");
                err.flush();
            });
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(r) : text(r));
        out.flush();
        if (!r.sameWork()) {
            err.println("error: the two simulators did different work: " + String.join("; ", r.differences()));
            return 1;
        }
        return 0;
    }

    static String json(PeersBenchmark.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "{\"hosts\": %d, \"jobs\": %d, \"work_gpu_hours\": %.1f, \"same_work\": %b,%n",
                r.hosts(),
                r.jobs(),
                r.expectedWorkGpuMin() / 60.0,
                r.sameWork()));
        b.append(String.format(Locale.ROOT, " \"differences\": [%s],%n", quoted(r.differences())));
        b.append(side(
                "cloudsimplus", r.cloudSimPlus(), "\"version\": \"" + PeersBenchmark.CLOUDSIM_PLUS_VERSION + "\", "));
        b.append(side("ultrafleet", r.ultrafleet(), ""));
        b.append(String.format(
                Locale.ROOT,
                " \"speedup\": %.1f, \"heap_ratio\": %.4f, \"rss_ratio\": %.4f}%n",
                r.speedup(),
                r.heapRatio(),
                r.rssRatio()));
        return b.toString();
    }

    private static String side(String key, PeerSide s, String extra) {
        return String.format(
                Locale.ROOT,
                " \"%s\": {%s\"wall_s\": %.3f, \"cpu_s\": %.3f, \"events\": %d, \"events_per_s\": %.0f, \"peak_heap_mib\": %.1f,"
                        + " \"peak_live_heap_mib\": %.1f, \"peak_rss_mib\": %.1f, \"jobs_completed\": %d,"
                        + " \"work_gpu_hours\": %.1f, \"makespan_h\": %.3f, \"wait_h\": %.3f},%n",
                key,
                extra,
                s.wallS(),
                s.cpuS(),
                s.events(),
                s.eventsPerS(),
                s.peakHeapMib(),
                s.peakLiveHeapMib(),
                s.peakRssMib(),
                s.jobsCompleted(),
                s.workGpuMin() / 60.0,
                s.makespanMin() / 60,
                s.waitMin() / 60);
    }

    private static String quoted(List<String> items) {
        List<String> q = new ArrayList<>();
        for (String s : items) {
            q.add("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(", ", q);
    }

    static String text(PeersBenchmark.Result r) {
        PeerSide c = r.cloudSimPlus();
        PeerSide u = r.ultrafleet();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "Workload          %,d hosts of 8 GPUs, %,d jobs, %,.0f GPU-hours%n",
                r.hosts(),
                r.jobs(),
                r.expectedWorkGpuMin() / 60.0));
        b.append(String.format(
                Locale.ROOT,
                "%-17s %20s %20s %14s%n",
                "",
                "CloudSim Plus " + PeersBenchmark.CLOUDSIM_PLUS_VERSION,
                "Ultrafleet",
                "ratio"));
        b.append(row(
                "Wall time", "%.2f s", c.wallS(), u.wallS(), String.format(Locale.ROOT, "%.1fx faster", r.speedup())));
        b.append(row("CPU time", "%.2f s", c.cpuS(), u.cpuS(), ""));
        b.append(row("Events", "%,.0f", c.events(), u.events(), ""));
        b.append(row("Events/s", "%,.0f", c.eventsPerS(), u.eventsPerS(), ""));
        b.append(row(
                "Peak heap",
                "%,.1f MiB",
                c.peakHeapMib(),
                u.peakHeapMib(),
                String.format(Locale.ROOT, "%.4f", r.heapRatio())));
        b.append(row("Peak live heap", "%,.1f MiB", c.peakLiveHeapMib(), u.peakLiveHeapMib(), ""));
        b.append(row(
                "Peak RSS",
                "%,.1f MiB",
                c.peakRssMib(),
                u.peakRssMib(),
                String.format(Locale.ROOT, "%.4f", r.rssRatio())));
        b.append(row("Jobs completed", "%,.0f", c.jobsCompleted(), u.jobsCompleted(), ""));
        b.append(row("Work", "%,.0f GPU-h", c.workGpuMin() / 60.0, u.workGpuMin() / 60.0, ""));
        b.append(row("Last job ended", "%,.2f h", c.makespanMin() / 60, u.makespanMin() / 60, ""));
        b.append(r.sameWork() ? "Same work: yes\n" : "Same work: NO: " + String.join("; ", r.differences()) + "\n");
        return b.toString();
    }

    private static String row(String label, String format, double c, double u, String ratio) {
        return String.format(
                Locale.ROOT,
                "%-17s %20s %20s %14s%n",
                label,
                String.format(Locale.ROOT, format, c),
                String.format(Locale.ROOT, format, u),
                ratio);
    }
}
