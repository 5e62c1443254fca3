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

    @Test
    void racksWithAUnitDownOrDrainingAreNotCountedUntilTheyAreWholeAgain() {
        Job research = job("research").gpus(4).priority(100).build();
        fleet.allocate(0, 0b1);
        occ.add(research, new int[] {0}, new long[] {0b1});
        assertThat(occ.racksHeldBelow(0, 500)).isEqualTo(1);
        fleet.takeDown(0, 1L << 5);
        assertThat(occ.racksHeldBelow(0, 500)).as("a tray of rack 0 is down").isZero();
        fleet.bringUp(0, 1L << 5);
        assertThat(occ.racksHeldBelow(0, 500)).as("repaired").isEqualTo(1);
        fleet.decommission(0);
        assertThat(occ.racksHeldBelow(0, 500)).as("draining").isZero();
    }

    @Test
    void theCountsPerBlockMatchAScanOfTheRacksThroughRandomChanges() {
        FleetState f = Fleets.fleet().site("s", 3).racks("s", "gb200-nvl72", 9).build();
        Occupancy o = new Occupancy(f);
        java.util.Random random = new java.util.Random(7);
        java.util.List<Object[]> held = new java.util.ArrayList<>(); // {job, rack, mask}
        int[] priorities = {100, 500, 1000};
        for (int step = 0; step < 5_000; step++) {
            int r = random.nextInt(f.rackCount());
            long tray = 1L << random.nextInt(18);
            int op = random.nextInt(100);
            if (op < 45 && f.rackSchedulable(r) && (f.rackFreeMask(r) & tray) != 0) {
                Job j = job("j" + step)
                        .gpus(4)
                        .priority(priorities[random.nextInt(3)])
                        .build();
                f.allocate(r, tray);
                o.add(j, new int[] {r}, new long[] {tray});
                held.add(new Object[] {j, r, tray});
            } else if (op < 85 && !held.isEmpty()) {
                Object[] h = held.remove(random.nextInt(held.size()));
                o.remove((Job) h[0], new int[] {(int) h[1]}, new long[] {(long) h[2]});
                f.release((int) h[1], (long) h[2]);
            } else if (op < 93 && f.rackSchedulable(r) && (f.rackFreeMask(r) & tray) != 0) {
                f.takeDown(r, tray);
            } else if (op < 99 && (f.rackDownMask(r) & tray) != 0) {
                f.bringUp(r, tray);
            } else if (op == 99) {
                f.decommission(r);
            }
            for (int b = 0; b < f.topology().blockCount(); b++) {
                for (int p : new int[] {100, 101, 500, 1000, 1001}) {
                    int expected = 0;
                    for (int x = f.firstRackIn(b); x >= 0; x = f.nextRackIn(x)) {
                        int top = o.highestPriority(x);
                        if (top != Integer.MIN_VALUE && top < p && f.rackDownMask(x) == 0 && f.rackSchedulable(x)) {
                            expected++;
                        }
                    }
                    assertThat(o.racksHeldBelow(b, p))
                            .as("step %d, block %d, below %d", step, b, p)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
