package io.ultrafleet.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ultrafleet bench scale}: the default scenario brought to each fleet size (see {@code
 * io.ultrafleet.twin.scenario.ScenarioScaler}) and run through the twin for the same number of simulated days, each
 * size in a JVM of its own, smallest first; and how the time per GPU grows from the smallest size to the largest.
 */
public final class ScaleBenchmark {
    static final String MAIN = "io.ultrafleet.bench.scale.ScaleRun";

    /**
     * One size's run.
     *
     * @param gpus GPUs of the scaled scenario once fully delivered
     * @param gpusOnlineEnd GPUs online at the end of the run
     * @param gpusOnlineMean GPUs online on average over the run
     * @param wallS building the twin and running it, in seconds
     * @param cpuS CPU time of the run's process over the same span (all its threads), or -1 when unknown
     */
    public record Size(
            long gpusTarget,
            long gpus,
            long gpusOnlineEnd,
            double gpusOnlineMean,
            long jobsSubmitted,
            long jobsCompleted,
            long faults,
            long events,
            double wallS,
            double cpuS,
            double peakHeapMib,
            double peakLiveHeapMib,
            double peakRssMib) {

        static Size of(Map<String, String> r) {
            return new Size(
                    Long.parseLong(r.get("gpus_target")),
                    Long.parseLong(r.get("gpus")),
                    Long.parseLong(r.get("gpus_online_end")),
                    Double.parseDouble(r.get("gpus_online_mean")),
                    Long.parseLong(r.get("jobs_submitted")),
                    Long.parseLong(r.get("jobs_completed")),
                    Long.parseLong(r.get("faults")),
                    Long.parseLong(r.get("events")),
                    Double.parseDouble(r.get("wall_s")),
                    Double.parseDouble(r.getOrDefault("cpu_s", "-1")),
                    Double.parseDouble(r.get("peak_heap_mib")),
                    Double.parseDouble(r.get("peak_live_heap_mib")),
                    Double.parseDouble(r.get("peak_rss_mib")));
        }

        public double eventsPerS() {
            return wallS > 0 ? events / wallS : 0;
        }

        /** Wall time per thousand GPUs of the fleet, in ms. */
        public double msPerThousandGpus() {
            return wallS * 1000 / (gpus / 1000.0);
        }
    }

    /** Every size's run, smallest first. */
    public record Result(int days, List<Size> sizes) {
        public Result {
            sizes = List.copyOf(sizes);
        }

        /** Time per GPU at the largest size over time per GPU at the smallest; 1 is linear growth. */
        public double growthPerGpu() {
            Size small = sizes.get(0);
            Size large = sizes.get(sizes.size() - 1);
            return (large.wallS() / large.gpus()) / (small.wallS() / small.gpus());
        }

        /** As {@link #growthPerGpu()} on CPU time, which load from other processes disturbs less; -1 when unknown. */
        public double cpuGrowthPerGpu() {
            Size small = sizes.get(0);
            Size large = sizes.get(sizes.size() - 1);
            if (small.cpuS() <= 0 || large.cpuS() <= 0) {
                return -1;
            }
            return (large.cpuS() / large.gpus()) / (small.cpuS() / small.gpus());
        }
    }

    private final ChildJvm jvm;

    public ScaleBenchmark(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /** Runs each of {@code gpus} (sorted, at least one) for {@code days}; {@code progress} hears each size start. */
    public Result run(List<Long> gpus, int days, Consumer<Long> progress) {
        List<Long> sorted = new ArrayList<>(gpus);
        sorted.sort(null);
        List<Size> out = new ArrayList<>();
        for (long n : sorted) {
            progress.accept(n);
            out.add(Size.of(jvm.run(MAIN, Long.toString(n), Integer.toString(days))));
        }
        return new Result(days, out);
    }
}
