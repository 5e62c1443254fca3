package io.ultrafleet.scheduling;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import org.junit.jupiter.api.Test;

class OccupancyTest {
    private static final long ALL = (1L << 18) - 1; // the 18 trays of an NVL72 rack

    private final FleetState fleet =
            Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 4).build();
    private final Occupancy occ = new Occupancy(fleet);

    @Test
    void aWholeRackHoldAnswersForEveryTrayAndCanBeGivenBackInParts() {
        Job gang = job("gang").gpus(144).priority(500).build();
        occ.add(gang, new int[] {0, 1}, new long[] {ALL, ALL});
        assertThat(occ.holder(0, 0)).isSameAs(gang);
        assertThat(occ.holder(1, 17)).isSameAs(gang);
        assertThat(occ.wholeRackHolder(1)).isSameAs(gang);
        assertThat(occ.highestPriority(0)).isEqualTo(500);
        // A failed tray leaves the rack: the rest stays held, tray by tray.
        occ.remove(gang, new int[] {1}, new long[] {1L << 3});
        assertThat(occ.wholeRackHolder(1)).isNull();
        assertThat(occ.holder(1, 3)).isNull();
        assertThat(occ.holder(1, 4)).isSameAs(gang);
        assertThat(occ.highestPriority(1)).isEqualTo(500);
        occ.remove(gang, new int[] {0, 1}, new long[] {ALL, ALL & ~(1L << 3)});
        assertThat(occ.holder(0, 5)).isNull();
        assertThat(occ.holder(1, 5)).isNull();
        assertThat(occ.highestPriority(1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(occ.busyUntil(1)).isZero();
    }

    @Test
    void sharedRacksKeepTheHighestPriorityOfWhoIsLeft() {
        Job low = job("low").gpus(4).priority(100).build();
        Job high = job("high").gpus(8).priority(500).build();
        occ.add(low, new int[] {2}, new long[] {1L});
        occ.add(high, new int[] {2}, new long[] {0b110L});
        assertThat(occ.wholeRackHolder(2)).isNull();
        assertThat(occ.highestPriority(2)).isEqualTo(500);
        occ.remove(high, new int[] {2}, new long[] {0b110L});
        assertThat(occ.highestPriority(2)).isEqualTo(100);
        assertThat(occ.holder(2, 0)).isSameAs(low);
    }

    @Test
    void doubleBookingIsRefused() {
        Job a = job("a").gpus(72).build();
        Job b = job("b").gpus(4).build();
        occ.add(a, new int[] {3}, new long[] {ALL});
        assertThatThrownBy(() -> occ.add(b, new int[] {3}, new long[] {1L})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> occ.remove(b, new int[] {3}, new long[] {ALL}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void racksHeldOnlyByLowerPrioritiesAreCountedPerBlock() {
        FleetState two =
                Fleets.fleet().site("s", 2).racks("s", "gb200-nvl72", 4).build();
        Occupancy o = new Occupancy(two);
        Job research = job("research").gpus(4).priority(100).build();
        Job rl = job("rl").gpus(72).priority(500).build();
        Job replica = job("replica").gpus(72).priority(1000).build();
        o.add(research, new int[] {0}, new long[] {0b1});
        o.add(rl, new int[] {1}, new long[] {ALL});
        o.add(replica, new int[] {2}, new long[] {ALL});
        assertThat(o.racksHeldBelow(0, 500)).as("block 0: racks 0 and 1").isEqualTo(1);
        assertThat(o.racksHeldBelow(0, 1000)).isEqualTo(2);
        assertThat(o.racksHeldBelow(1, 1000)).as("block 1: the replica's rack").isZero();
        assertThat(o.racksHeldBelow(1, 1001)).isEqualTo(1);
        // A higher holder joins rack 0: it no longer counts below 500.
        Job other = job("other").gpus(4).priority(500).build();
        o.add(other, new int[] {0}, new long[] {0b10});
        assertThat(o.racksHeldBelow(0, 500)).isZero();
        o.remove(other, new int[] {0}, new long[] {0b10});
        o.remove(research, new int[] {0}, new long[] {0b1});
        assertThat(o.racksHeldBelow(0, 1000)).as("rack 0 is empty again").isEqualTo(1);
    }
}
