package io.ultrafleet.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.testing.Fleets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fleet's block indexes (racks per block, blocks with a wholly free rack, largest groups) against brute force. */
class FleetIndexesTest {
    private static final long FULL = (1L << 18) - 1;

    @Test
    void blockIndexesMatchAScanOfEveryRackThroughRandomChanges() {
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            FleetState f = Fleets.fleet()
                    .site("a", 4)
                    .site("b", 3)
                    .racks("a", "gb200-nvl72", 9)
                    .racks("b", "gb200-nvl72", 5)
                    .racks("a", "gb300-nvl72", 6)
                    .build();
            check(f, seed);
            for (int step = 0; step < 400; step++) {
                int r = rnd.nextInt(f.rackCount());
                int op = rnd.nextInt(10);
                if (op == 0 && f.rackSchedulable(r)) {
                    f.decommission(r);
                } else if (op < 5 && f.rackSchedulable(r) && f.rackFreeMask(r) != 0) {
                    long free = f.rackFreeMask(r);
                    f.allocate(r, rnd.nextBoolean() ? free : Long.lowestOneBit(free));
                } else {
                    long held = FULL & ~f.rackFreeMask(r) & ~f.rackDownMask(r);
                    if (held != 0) {
                        f.release(r, rnd.nextBoolean() ? held : Long.lowestOneBit(held));
                    }
                }
                check(f, seed);
            }
        }
    }

    private static void check(FleetState f, long seed) {
        Topology t = f.topology();
        for (int m = 0; m < f.modelCount(); m++) {
            Set<Integer> expected = new HashSet<>();
            int largestBlock = 0;
            int[] perSite = new int[t.siteCount()];
            for (int b = 0; b < t.blockCount(); b++) {
                if (t.blockModel(b) != m) {
                    continue;
                }
                if (f.blockWholeFreeRacks(b) > 0) {
                    expected.add(b);
                }
                largestBlock = Math.max(largestBlock, f.blockSchedulableRacks(b));
                perSite[t.blockSite(b)] += f.blockSchedulableRacks(b);
            }
            Set<Integer> indexed = new HashSet<>();
            for (int i = 0; i < f.blocksWithWholeFree(m); i++) {
                assertThat(indexed.add(f.blockWithWholeFree(m, i))).isTrue();
            }
            assertThat(indexed).as("seed %d model %d", seed, m).isEqualTo(expected);
            assertThat(f.largestBlockSchedulable(m)).isEqualTo(largestBlock);
            assertThat(f.largestSiteSchedulable(m))
                    .isEqualTo(java.util.Arrays.stream(perSite).max().orElse(0));
        }
        for (int b = 0; b < t.blockCount(); b++) {
            Set<Integer> racks = new HashSet<>();
            for (int r = f.firstRackIn(b); r >= 0; r = f.nextRackIn(r)) {
                assertThat(f.rackBlock(r)).isEqualTo(b);
                racks.add(r);
            }
            assertThat(racks).hasSize(t.blockRacksAssigned(b));
        }
    }
}
