package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.ChildJvm;
import io.ultrafleet.cli.bench.ScaleBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ultrafleet bench scale}: the default scenario at several fleet sizes, and how time per GPU grows. */
@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = "The default scenario's shape brought to each fleet size (racks, CPU pools, arrival rates and"
                + " quotas scaled by one factor; job sizes kept) and run through the twin from its start for DAYS"
                + " simulated days, each size in a JVM of its own. Reports wall time, events/s and peak heap per"
                + " size, and growth_per_gpu: time per GPU at the largest size over time per GPU at the smallest.")
final class BenchScaleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(
            names = "--sizes",
            paramLabel = "GPUS",
            split = ",",
            description = "Fleet sizes in GPUs, comma-separated (default: 50000,200000,500000,1000000).")
    List<Long> sizes = new ArrayList<>(List.of(50_000L, 200_000L, 500_000L, 1_000_000L));

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "Simulated days from the scenario's start (default: 365).")
    int days = 365;

    @Option(
            names = "--classpath",
            paramLabel = "PATH",
            description = "Jar or class path of the benchmark classes (default: bench/target/benchmarks.jar of this"
                    + " build).")
    String classpath;

    @Option(
            names = "--jvm-arg",
            paramLabel = "ARG",
            description = "An option for every JVM, e.g. -Xmx4g; repeat for more. The JVMs use the launcher's"
                    + " options: the throughput collector (-XX:+UseParallelGC) unless an option names another, and"
                    + " -XX:MaxNewSize=256m unless an option sizes the heap or its young generation.")
    List<String> jvmArgs = new ArrayList<>();

    @Override
    public Integer call() {
        if (sizes.isEmpty()) {
            throw new BadFlagException("--sizes", null, "needs at least one fleet size");
        }
        for (long n : sizes) {
            if (n < 1_000 || n > 100_000_000) {
                throw new BadFlagException(
                        "--sizes",
                        Long.toString(n),
                        "is out of range; allowed fleet sizes from 1000 to 100000000 GPUs");
            }
        }
        if (days < 1 || days > 3_650) {
            throw new BadFlagException(
                    "--days", Integer.toString(days), "is out of range; allowed an integer from 1 to 3650");
        }
        PrintWriter err = spec.commandLine().getErr();
        ScaleBenchmark.Result r;
        try {
            r = new ScaleBenchmark(BenchJvms.of(classpath, ChildJvm.withLauncherOptions(jvmArgs)))
                    .run(sizes, days, n -> {
                        err.printf(Locale.ROOT, "running %,d GPUs for %d days...%n", n, days);
                        err.flush();
                    });
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(r) : text(r));
        out.flush();
        return 0;
    }

    static String json(ScaleBenchmark.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"days\": %d, \"sizes\": [%n", r.days()));
        for (int i = 0; i < r.sizes().size(); i++) {
            ScaleBenchmark.Size s = r.sizes().get(i);
            b.append(String.format(
                    Locale.ROOT,
                    "  {\"gpus_target\": %d, \"gpus\": %d, \"gpus_online_end\": %d, \"gpus_online_mean\": %.0f,"
                            + " \"jobs_submitted\": %d, \"jobs_completed\": %d, \"faults\": %d, \"events\": %d,"
                            + " \"wall_s\": %.3f, \"cpu_s\": %.3f, \"events_per_s\": %.0f, \"ms_per_1000_gpus\": %.3f,"
                            + " \"peak_heap_mib\": %.1f, \"peak_live_heap_mib\": %.1f, \"peak_rss_mib\": %.1f}%s%n",
                    s.gpusTarget(),
                    s.gpus(),
                    s.gpusOnlineEnd(),
                    s.gpusOnlineMean(),
                    s.jobsSubmitted(),
                    s.jobsCompleted(),
                    s.faults(),
                    s.events(),
                    s.wallS(),
                    s.cpuS(),
                    s.eventsPerS(),
                    s.msPerThousandGpus(),
                    s.peakHeapMib(),
                    s.peakLiveHeapMib(),
                    s.peakRssMib(),
                    i + 1 < r.sizes().size() ? "," : ""));
        }
        b.append(String.format(
                Locale.ROOT,
                " ], \"growth_per_gpu\": %.3f, \"cpu_growth_per_gpu\": %.3f}%n",
                r.growthPerGpu(),
                r.cpuGrowthPerGpu()));
        return b.toString();
    }

    static String text(ScaleBenchmark.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Default scenario scaled, %d simulated days from its start%n", r.days()));
        b.append(String.format(
                Locale.ROOT,
                "%12s %12s %10s %12s %10s %8s %12s %12s %11s%n",
                "GPUs",
                "online end",
                "jobs",
                "events",
                "wall s",
                "CPU s",
                "events/s",
                "ms/1k GPUs",
                "heap MiB"));
        for (ScaleBenchmark.Size s : r.sizes()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%,12d %,12d %,10d %,12d %10.2f %8.2f %,12.0f %12.2f %,11.0f%n",
                    s.gpus(),
                    s.gpusOnlineEnd(),
                    s.jobsSubmitted(),
                    s.events(),
                    s.wallS(),
                    s.cpuS(),
                    s.eventsPerS(),
                    s.msPerThousandGpus(),
                    s.peakHeapMib()));
        }
        b.append(String.format(
                Locale.ROOT,
                "growth_per_gpu %.3f (time per GPU, largest size over smallest; 1 is linear)%n",
                r.growthPerGpu()));
        return b.toString();
    }
}
