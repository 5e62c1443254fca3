package io.ultrafleet.scheduling.placement;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.backfill.Reservation;
import io.ultrafleet.testing.FleetChanges;
import io.ultrafleet.workload.TopologyLevel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What holds hide is counted once per model and kept until the holds that apply or the fleet's wholly free racks
 * change: through random takes, releases, failures and repairs, new holds and jobs of different expected ends, the
 * kept counts answer as the blocks do one by one.
 */
class HoldsHiddenCountsTest {

    @Test
    void keptCountsAnswerAsTheBlocksDoThroughRandomChanges() {
        long[] ends = {0, 500, 1_000, 5_000, Long.MAX_VALUE};
        int checked = 0;
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            FleetState fleet = FleetChanges.twoSites();
            Holds view = new Holds(fleet, 0);
            for (int step = 0; step < 200; step++) {
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        // a gang holds where it is closest to fitting, or where its reservation says (a site or the
                        // fleet), with its expected start
                        int m = rnd.nextInt(fleet.modelCount());
                        long shadow = ends[rnd.nextInt(4)];
                        int site = rnd.nextInt(fleet.topology().siteCount());
                        Reservation r = switch (rnd.nextInt(3)) {
                            case 0 -> null;
                            case 1 -> new Reservation(m, TopologyLevel.SITE, site, shadow);
                            default -> new Reservation(m, TopologyLevel.ANY, -1, shadow);
                        };
                        view.holdFor(
                                job("holder" + step)
                                        .gpus(72 * (1 + rnd.nextInt(4)))
                                        .build(),
                                r);
                    }
                    case 1 -> view.forJobEnding(ends[rnd.nextInt(ends.length)]);
                    default -> FleetChanges.random(fleet, rnd);
                }
                for (int m = 0; m < fleet.modelCount(); m++) {
                    String as = "seed " + seed + ", step " + step + ", model " + m;
                    int all = 0;
                    for (int s = 0; s < fleet.topology().siteCount(); s++) {
                        int expected = blockByBlock(view, fleet.topology(), m, s);
                        all += expected;
                        assertThat(view.siteWholeFreeRacks(s, m))
                                .as(as + ", site " + s)
                                .isEqualTo(expected);
                        checked++;
                    }
                    assertThat(view.wholeFreeRacks(m)).as(as).isEqualTo(all);
                    assertThat(view.freeUnits(m))
                            .as(as)
                            .isEqualTo(fleet.freeUnits(m)
                                    - (long) (fleet.wholeFreeRacks(m) - all)
                                            * fleet.model(m).unitsPerDomain());
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    /** The view's wholly free racks of the model at the site, block by block (no kept count involved). */
    private static int blockByBlock(Holds view, Topology topo, int model, int site) {
        int n = 0;
        for (int b = 0; b < topo.blockCount(); b++) {
            if (topo.blockModel(b) == model && topo.blockSite(b) == site) {
                n += view.blockWholeFreeRacks(b);
            }
        }
        return n;
    }
}
