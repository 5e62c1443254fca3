package io.ultrafleet.bench;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.scheduling.preemption.LeastLostWork;
import io.ultrafleet.scheduling.preemption.Preemption;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
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
 * The preemption search for a 512-rack site-level gang of priority 1000 on the 200,016-GPU fleet packed full of
 * priority-100 work (gangs of 1-64 racks and tray jobs; {@link BenchFleet#fillToFull}), with the checkpoint-aware
 * {@link LeastLostWork} victim order: it walks every rack's holders, sorts the candidate victims and, per site,
 * takes them until 512 racks would be free. The fleet is not changed, so every operation makes the same search.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PreemptionSearchBench -wi 3 -i 5 -f 1}
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreemptionSearchBench {
    /** 30 hours after the epoch: every filling job has run for 6 to 30 hours. */
    private static final long NOW_MS = 30 * 3_600_000L;

    private FleetView fleet;
    private Occupancy occupancy;
    private Job gang;
    private PreemptionSearch search;

    @Setup(Level.Trial)
    public void setUp() {
        BenchFleet bench = BenchFleet.filled(42);
        bench.fillToFull();
        fleet = bench.fleet();
        occupancy = bench.cluster().occupancy();
        gang = bench.job("urgent", BenchFleet.GANG_RACKS * 72, 1000, TopologyLevel.SITE, TopologyLevel.BLOCK);
        search = new PreemptionSearch(new LeastLostWork());
        if (search.find(NOW_MS, fleet, occupancy, gang) == null) {
            throw new IllegalStateException("no preemption makes room for the 512-rack gang");
        }
    }

    @Benchmark
    public Preemption find() {
        return search.find(NOW_MS, fleet, occupancy, gang);
    }
}
