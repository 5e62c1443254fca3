package io.ultrafleet.scheduling.preemption;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.Occupancies;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import org.junit.jupiter.api.Test;

class LastVictimsTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aRacksSummaryFollowsItsHoldersAndIsNotReadForAnotherOccupancy() {
        FleetState fleet =
                Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 2).build();
        Occupancy occ = Occupancies.of(fleet);
        LastVictims victims = new LastVictims(new LowestPriorityYoungest());
        Job old = running("old", 100, 10 * HOUR, occ, 0b1);
        victims.summarize(20 * HOUR, occ, 0, 18);
        assertThat(victims.last(0)).isSameAs(old);
        assertThat(victims.holders(0)).isEqualTo(1);
        // A younger job of the same priority is stopped first: the old one stays last.
        running("young", 100, 15 * HOUR, occ, 0b10);
        victims.summarize(20 * HOUR, occ, 0, 18);
        assertThat(victims.last(0)).isSameAs(old);
        assertThat(victims.holders(0)).isEqualTo(2);
        // A higher priority is stopped last.
        Job high = running("high", 200, 16 * HOUR, occ, 0b100);
        victims.summarize(20 * HOUR, occ, 0, 18);
        assertThat(victims.last(0)).isSameAs(high);
        Occupancies.remove(occ, high, new int[] {0}, new long[] {0b100});
        victims.summarize(21 * HOUR, occ, 0, 18);
        assertThat(victims.last(0)).isSameAs(old);
        assertThat(victims.holders(0)).isEqualTo(2);
        // Another occupancy whose rack 0 has seen as many changes (four) must not read the summary kept for the
        // first.
        Occupancy other = Occupancies.of(fleet);
        Job top = running("top", 300, 12 * HOUR, other, 0b1);
        running("b", 100, 13 * HOUR, other, 0b10);
        running("c", 100, 14 * HOUR, other, 0b100);
        running("d", 100, 11 * HOUR, other, 0b1000);
        assertThat(other.rackVersion(0)).isEqualTo(occ.rackVersion(0));
        victims.summarize(21 * HOUR, other, 0, 18);
        assertThat(victims.last(0)).isSameAs(top);
        assertThat(victims.holders(0)).isEqualTo(4);
    }

    private static Job running(String name, int priority, long start, Occupancy occ, long mask) {
        Job j = job(name).gpus(4 * Long.bitCount(mask)).priority(priority).build();
        j.start(start, new int[] {0}, new long[] {mask}, j.gpus(), j.gpus());
        Occupancies.add(occ, j, new int[] {0}, new long[] {mask});
        return j;
    }
}
