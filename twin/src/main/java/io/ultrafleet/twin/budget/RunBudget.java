package io.ultrafleet.twin.budget;

import io.ultrafleet.math.Saturating;
import java.util.Locale;

/**
 * What a run may need: the largest fleet, workload and time series a run may have, and the heap it will get. {@code
 * validate} and {@code simulate} both check a scenario's {@link RunEstimate} against it, so that a scenario that
 * validates is one that runs.
 */
public final class RunBudget {
    /** The most racks (NVLink domains, or 8-GPU hosts) delivered over a run. */
    public static final long MAX_RACKS = 1_000_000;

    /** The most GPUs delivered over a run. */
    public static final long MAX_GPUS = 100_000_000;

    /** The most CPU hosts added over a run. */
    public static final long MAX_HOSTS = 100_000_000;

    /** The most training jobs a run may submit. */
    public static final long MAX_JOBS = 1_000_000_000;

    /** The most rows of a run's time series. */
    public static final long MAX_SAMPLES = 10_000_000;

    /** The most faults a run may expect. */
    public static final long MAX_FAULTS = 1_000_000_000;

    /** The most daily batches of deliveries and CPU ramps in a run. */
    public static final long MAX_BATCHES = 100_000_000;

    /** The share of the heap a run may count on; the rest is the collector's room to work. */
    static final double HEAP_SHARE = 0.8;

    private RunBudget() {}

    /**
     * Checks that a run fits.
     *
     * @param source what messages call the scenario: its file, or {@code builtin:NAME}
     * @param heapBytes the most heap the JVM may use ({@link Runtime#maxMemory()})
     * @param runsAtOnce how many runs share that heap (replications and sweeps run several at once)
     * @throws RunLimitException naming the first figure over its limit
     */
    public static void check(String source, RunEstimate e, long heapBytes, int runsAtOnce) {
        limit(source, "racks delivered (fleet.deliveries)", e.racks(), MAX_RACKS);
        limit(source, "GPUs delivered (fleet.deliveries)", e.gpus(), MAX_GPUS);
        limit(source, "CPU hosts (fleet.cpuPools)", e.hosts(), MAX_HOSTS);
        limit(source, "training jobs expected (training)", e.jobs(), MAX_JOBS);
        limit(source, "time-series rows (horizon over outputs.timeSeriesStep)", e.samples(), MAX_SAMPLES);
        limit(source, "faults expected (reliability)", e.faults(), MAX_FAULTS);
        limit(source, "daily batches of deliveries and CPU ramps", e.batches(), MAX_BATCHES);
        long need = Saturating.multiply(e.heapBytes(), Math.max(1, runsAtOnce));
        long usable = (long) (heapBytes * HEAP_SHARE);
        if (need > usable) {
            long gib = Math.max(1, (long) Math.ceil(need / HEAP_SHARE / (1L << 30)));
            throw new RunLimitException(String.format(
                    Locale.ROOT,
                    "%s: the run needs about %,d MiB of heap%s (%s), more than the %,d MiB this Java can count on"
                            + " (%.0f %% of its %,d MiB); give it more with ULTRAFLEET_JAVA_OPTS=-Xmx%dg, or make the"
                            + " scenario smaller",
                    source,
                    need >> 20,
                    runsAtOnce > 1 ? " for " + runsAtOnce + " runs at once" : "",
                    describe(e),
                    usable >> 20,
                    HEAP_SHARE * 100,
                    heapBytes >> 20,
                    gib));
        }
    }

    /** The estimate's main figures, as messages and {@code validate} show them. */
    public static String describe(RunEstimate e) {
        return String.format(
                Locale.ROOT,
                "%s racks, %s GPUs, %s CPU hosts, %s jobs, %s jobs at once, %s time-series rows of %s columns",
                count(e.racks()),
                count(e.gpus()),
                count(e.hosts()),
                count(e.jobs()),
                count(e.liveJobs()),
                count(e.samples()),
                count(e.columns()));
    }

    private static void limit(String source, String what, long value, long max) {
        if (value > max) {
            throw new RunLimitException(String.format(
                    Locale.ROOT,
                    "%s: found %s %s, allowed at most %s in a run",
                    source,
                    count(value),
                    what,
                    count(max)));
        }
    }

    /** A count as messages show it: {@code 2,818,283}, or {@code more than 9.2e18} when it saturated. */
    static String count(long n) {
        return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format(Locale.ROOT, "%,d", n);
    }
}
