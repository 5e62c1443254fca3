package io.ultrafleet.bench;

import io.ultrafleet.fleet.FleetView;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placing (not starting) a 512-rack gang (36,864 GPUs) that must stay in one site and prefers one block, on the
 * 200,016-GPU fleet filled to about 72 % ({@link BenchFleet#filled}), where only GB300 at dfw has room for it: the
 * search looks at every block of both models in every site and spreads the gang over the fewest blocks of dfw. The
 * fleet is not changed, so every operation makes the same search.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GangPlacementBench -wi 3 -i 5 -f 1}
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GangPlacementBench {
    private FleetView fleet;
    private Job gang;

    @Setup(Level.Trial)
    public void setUp() {
        BenchFleet bench = BenchFleet.filled(42);
        fleet = bench.fleet();
        gang = bench.job("gang", BenchFleet.GANG_RACKS * 72, 1000, TopologyLevel.SITE, TopologyLevel.BLOCK);
        if (!Placer.place(fleet, gang).placed()) {
            throw new IllegalStateException("the benchmark fleet has no room for a 512-rack gang");
        }
    }

    @Benchmark
    public Placer.Result place() {
        return Placer.place(fleet, gang);
    }
}
