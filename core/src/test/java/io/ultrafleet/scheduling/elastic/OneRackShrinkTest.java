package io.ultrafleet.scheduling.elastic;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A one-rack job that has to shrink an elastic job takes the last rack, in the lowest block with no wholly free rack,
 * of the first donor in donor order (lowest priority, then largest): the plan that takes the least.
 */
class OneRackShrinkTest {
    private static final long ALL = (1L << 18) - 1;

    @Test
    void takesTheLastRackOfTheFirstDonorInTheLowestBlockWithoutAFreeRack() {
        // Three blocks of four racks: racks 0-3, 4-7, 8-11.
        FleetState fleet =
                Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 12).build();
        Job small = donor(fleet, "small", 300, new int[] {5, 6, 7});
        Job large = donor(fleet, "large", 300, new int[] {0, 1, 2, 3, 4, 8});
        Job higher = donor(fleet, "higher", 600, new int[] {9, 10});
        Job replica = job("replica")
                .gpus(72)
                .priority(1000)
                .required(TopologyLevel.BLOCK)
                .build();
        // Rack 11 is free, so block 2 needs no shrink; blocks 0 and 1 have no free rack.
        Map<Job, int[]> plan = Elasticity.shrinkFor(fleet, List.of(small, large, higher), replica, FlavorFilter.ALL);
        assertThat(plan).containsOnlyKeys(large);
        assertThat(plan.get(large)).containsExactly(3);
        // One block, whose free rack already fits the job: nothing to shrink.
        FleetState one =
                Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 4).build();
        Job full = donor(one, "full", 300, new int[] {0, 1, 2});
        assertThat(Elasticity.shrinkFor(one, List.of(full), replica, FlavorFilter.ALL))
                .as("rack 3 is free in the only block")
                .isEmpty();
        // A donor of a higher priority than the job is never asked.
        Job low =
                job("low").gpus(72).priority(100).required(TopologyLevel.BLOCK).build();
        assertThat(Elasticity.shrinkFor(fleet, List.of(small, large, higher), low, FlavorFilter.ALL))
                .isEmpty();
    }

    private static Job donor(FleetState fleet, String name, int priority, int[] racks) {
        Job j = job(name).gpus(72 * racks.length).priority(priority).elastic(72).build();
        long[] masks = new long[racks.length];
        java.util.Arrays.fill(masks, ALL);
        for (int r : racks) {
            fleet.allocate(r, ALL);
        }
        j.start(0, racks, masks, 72 * racks.length, 72 * racks.length);
        return j;
    }
}
