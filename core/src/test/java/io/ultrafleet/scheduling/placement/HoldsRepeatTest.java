package io.ultrafleet.scheduling.placement;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.backfill.Reservation;
import io.ultrafleet.testing.FleetChanges;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Holds that repeat the last cycle's holds for a gang asking again (same job, reservation and earlier calls, fleet
 * unchanged), and that are the holds of the cycle before the last used again, answer, call by call, as new holds that
 * search again: through cycles of gangs renewing reservations, changing
 * order, and the fleet changing between cycles and between the calls of one cycle (racks taken, freed, failed,
 * repaired, delivered and decommissioned).
 */
class HoldsRepeatTest {
    private static final long[] ENDS = {0, 500, 1_000, 5_000, Long.MAX_VALUE};

    @Test
    void repeatedHoldsAnswerAsFreshSearchesThroughRandomCycles() {
        int repeated = 0;
        int calls = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            FleetState fleet = FleetChanges.twoSites();
            int gangs = 1 + rnd.nextInt(4);
            Job[] gang = new Job[gangs];
            Reservation[] reservation = new Reservation[gangs];
            for (int g = 0; g < gangs; g++) {
                gang[g] = job("gang" + g)
                        .gpus(72 * (1 + rnd.nextInt(4)) - rnd.nextInt(2) * 30)
                        .build();
                reservation[g] = reservation(rnd, fleet);
            }
            Holds last = null;
            Holds spare = null;
            for (int cycle = 0; cycle < 80; cycle++) {
                long now = cycle * 100L;
                // between cycles: a backfill pass renews a reservation, gangs change rank, the fleet changes
                if (rnd.nextInt(5) == 0) {
                    reservation[rnd.nextInt(gangs)] = reservation(rnd, fleet);
                }
                if (rnd.nextInt(6) == 0) {
                    int a = rnd.nextInt(gangs);
                    int b = rnd.nextInt(gangs);
                    Job j = gang[a];
                    gang[a] = gang[b];
                    gang[b] = j;
                    Reservation r = reservation[a];
                    reservation[a] = reservation[b];
                    reservation[b] = r;
                }
                if (rnd.nextInt(3) == 0) {
                    change(fleet, rnd);
                }
                Holds fresh = new Holds(fleet, now);
                // as a scheduling cycle keeps them: the holds of the cycle before the last, emptied and used again
                Holds kept = spare != null ? spare.reuse(now, last) : new Holds(fleet, now, last);
                spare = last;
                for (int g = 0; g < gangs; g++) {
                    if (rnd.nextInt(12) == 0) {
                        change(fleet, rnd); // a job started earlier in the cycle
                    }
                    fresh.holdFor(gang[g], reservation[g]);
                    kept.holdFor(gang[g], reservation[g]);
                    calls++;
                    assertSameView(fresh, kept, fleet, "seed " + seed + ", cycle " + cycle + ", call " + g);
                }
                repeated += kept.repeatedCalls();
                last = kept;
            }
        }
        // most calls repeat, and enough search again for the comparison to mean something
        assertThat(repeated).isGreaterThan(calls / 4).isLessThan(calls * 9 / 10);
    }

    private static Reservation reservation(SplittableRandom rnd, FleetState fleet) {
        int m = rnd.nextInt(fleet.modelCount());
        long shadow = ENDS[rnd.nextInt(4)];
        Topology topo = fleet.topology();
        return switch (rnd.nextInt(4)) {
            case 0 -> null;
            case 1 -> new Reservation(m, TopologyLevel.SITE, rnd.nextInt(topo.siteCount()), shadow);
            case 2 -> new Reservation(m, TopologyLevel.BLOCK, blockOf(topo, m, rnd), shadow);
            default -> new Reservation(m, TopologyLevel.ANY, -1, shadow);
        };
    }

    private static int blockOf(Topology topo, int model, SplittableRandom rnd) {
        int b;
        do {
            b = rnd.nextInt(topo.blockCount());
        } while (topo.blockModel(b) != model);
        return b;
    }

    /** A random change, now and then a rack delivered or one decommissioned. */
    private static void change(FleetState fleet, SplittableRandom rnd) {
        switch (rnd.nextInt(20)) {
            case 0 -> fleet.addRack(rnd.nextInt(fleet.topology().siteCount()), rnd.nextInt(fleet.modelCount()));
            case 1 -> fleet.decommission(rnd.nextInt(fleet.rackCount()));
            default -> FleetChanges.random(fleet, rnd);
        }
    }

    private static void assertSameView(Holds fresh, Holds kept, FleetState fleet, String as) {
        Topology topo = fleet.topology();
        for (long end : ENDS) {
            fresh.forJobEnding(end);
            kept.forJobEnding(end);
            String at = as + ", a job ending at " + end;
            assertThat(kept.firstHolderName()).as(at).isEqualTo(fresh.firstHolderName());
            assertThat(kept.wholeFreeVersion()).as(at).isEqualTo(fresh.wholeFreeVersion());
            assertThat(kept.wholeFreeChanges()).as(at).isEqualTo(fresh.wholeFreeChanges());
            for (int b = 0; b < topo.blockCount(); b++) {
                assertThat(kept.blockWholeFreeRacks(b)).as(at + ", block " + b).isEqualTo(fresh.blockWholeFreeRacks(b));
                assertThat(kept.firstWholeFree(b)).as(at + ", block " + b).isEqualTo(fresh.firstWholeFree(b));
            }
            for (int m = 0; m < fleet.modelCount(); m++) {
                assertThat(kept.wholeFreeRacks(m)).as(at + ", model " + m).isEqualTo(fresh.wholeFreeRacks(m));
                assertThat(kept.freeUnits(m)).as(at + ", model " + m).isEqualTo(fresh.freeUnits(m));
                for (int s = 0; s < topo.siteCount(); s++) {
                    assertThat(kept.siteWholeFreeRacks(s, m))
                            .as(at + ", model " + m + ", site " + s)
                            .isEqualTo(fresh.siteWholeFreeRacks(s, m));
                }
            }
        }
    }
}
