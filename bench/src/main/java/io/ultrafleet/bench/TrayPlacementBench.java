package io.ultrafleet.bench;

import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A small job's whole trip through the fleet state on the 200,016-GPU fleet filled to about 72 % ({@link
 * BenchFleet#filled}): {@link Placer#place} finds the best-fit tray for a new 1-tray (4-GPU) job, {@link
 * ClusterState#start} commits it, and {@link ClusterState#release} gives back the job placed {@code inFlight}
 * operations before, so the fleet stays in a steady state. With {@code inFlight = 1} each job is released by the
 * next operation; with 256 the fleet holds 256 of them at a time, as {@code ultrafleet bench placement} does. Each
 * operation makes one new {@link Job}, as every submission does.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar TrayPlacementBench -wi 3 -i 5 -f 1}
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrayPlacementBench {
    /** 1-tray jobs held at a time (a power of two). */
    @Param({"1", "256"})
    int inFlight;

    private BenchFleet bench;
    private ClusterState cluster;
    private Job[] live;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchFleet.filled(42);
        cluster = bench.cluster();
        live = new Job[inFlight];
        next = 0;
    }

    /** Release the job placed {@code inFlight} operations ago, then place and start a new one. */
    @Benchmark
    public Job placeStartRelease() {
        int slot = next++ & (inFlight - 1);
        Job old = live[slot];
        if (old != null) {
            cluster.finish(old);
        }
        Job j = bench.job("small", 4, 500, TopologyLevel.BLOCK, TopologyLevel.BLOCK);
        Placer.Result r = Placer.place(cluster.fleet(), j);
        if (!r.placed()) {
            throw new IllegalStateException("the benchmark fleet has no room for one tray");
        }
        cluster.start(j, r.placement(), 0);
        live[slot] = j;
        return j;
    }
}
