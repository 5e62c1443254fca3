package io.ultrafleet.twin.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.spec.DistributionSpec;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FleetFailuresTest {
    private static final long HOUR = 3_600_000L;

    private static ReliabilitySpec spec(double hazard, Map<String, Double> models, int sparesPerRack, int spareRacks) {
        return new ReliabilitySpec(
                true,
                hazard,
                1,
                models,
                1,
                1,
                5 * 60_000L,
                15 * 60_000L,
                new DistributionSpec.LogNormal(48 * HOUR, 0.5, 0, Double.POSITIVE_INFINITY),
                new DistributionSpec.Fixed(48 * HOUR),
                sparesPerRack,
                spareRacks);
    }

    private static FleetState fleet(int racksEach) {
        HardwareCatalogue c = HardwareCatalogue.builtIn();
        Topology.Builder tb = Topology.builder();
        int region = tb.region(tb.provider("p"), "r");
        tb.site(region, "s", 8);
        FleetState f = new FleetState(
                tb.build(2),
                List.of(
                        c.model("gb200-nvl72").orElseThrow(),
                        c.model("gb300-nvl72").orElseThrow()));
        for (int i = 0; i < racksEach; i++) {
            f.addRack(0, 0);
            f.addRack(0, 1);
        }
        return f;
    }

    @Test
    void faultsFollowEachModelsMultiplierAndRepairsBringCapacityBack() {
        FleetState f = fleet(40);
        Simulation sim = new Simulation();
        List<String> stopped = new ArrayList<>();
        FleetFailures ff = new FleetFailures(
                spec(2e-4, Map.of("gb300-nvl72", 3.0), 0, 0),
                new ClusterState(f, new QueueBook()),
                sim,
                new SplittableRandom(7),
                (job, cause, rack) -> stopped.add(job.name()));
        ff.capacityChanged();
        sim.runUntil(200 * HOUR);
        // 40 racks x 72 GPUs x 2e-4 x (1 + 3) = 2.3 faults per hour: about 460 in 200 h; gb300 three times as many.
        double ratio = ff.faultsOnModel(1) / (double) ff.faultsOnModel(0);
        assertThat(ratio).isCloseTo(3.0, within(0.7));
        assertThat(ff.faults()).isBetween(390L, 530L);
        assertThat(stopped).isEmpty(); // no jobs ran
        assertThat(f.downGpus()).isGreaterThan(0);
        // Faults go on; repairs keep the GPUs out of service a small part of the fleet and are counted.
        sim.runUntil(1_000 * HOUR);
        long before = f.downGpus();
        assertThat(before).isLessThan(f.onlineGpus());
        assertThat(ff.repairGpuMsByCause().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isGreaterThan(0);
    }

    @Test
    void sparesAreHeldBackFromTheStart() {
        FleetState trays = fleet(4);
        Simulation sim = new Simulation();
        new FleetFailures(
                        spec(0, Map.of(), 1, 0),
                        new ClusterState(trays, new QueueBook()),
                        sim,
                        new SplittableRandom(1),
                        (j, c, r) -> {})
                .capacityChanged();
        assertThat(trays.downGpus()).isEqualTo(8 * 4);
        FleetState racks = fleet(4);
        new FleetFailures(
                        spec(0, Map.of(), 0, 1),
                        new ClusterState(racks, new QueueBook()),
                        sim,
                        new SplittableRandom(1),
                        (j, c, r) -> {})
                .capacityChanged();
        // One block per model here (8 racks per block, 4 of each model): one spare rack each.
        assertThat(racks.downGpus()).isEqualTo(2 * 72);
        assertThat(racks.wholeFreeRacks(0)).isEqualTo(3);
    }
}
