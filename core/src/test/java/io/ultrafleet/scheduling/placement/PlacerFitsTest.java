package io.ultrafleet.scheduling.placement;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Placer#fits} answers as {@link Placer#place} does, on random fleets, jobs, topologies and site filters. */
class PlacerFitsTest {
    private static final long ALL = (1L << 18) - 1;

    @Test
    void fitsAgreesWithPlaceOnRandomFleets() {
        TopologyLevel[] levels = TopologyLevel.values();
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            FleetState fleet = Fleets.fleet()
                    .site("a", 4)
                    .site("b", 3)
                    .racks("a", "gb200-nvl72", 5 + rnd.nextInt(8))
                    .racks("b", "gb200-nvl72", 3 + rnd.nextInt(6))
                    .racks("b", "gb300-nvl72", rnd.nextInt(5))
                    .build();
            for (int r = 0; r < fleet.rackCount(); r++) {
                int fill = rnd.nextInt(4);
                if (fill == 1) {
                    fleet.allocate(r, ALL);
                } else if (fill == 2) {
                    fleet.allocate(r, ALL & ~((1L << rnd.nextInt(18)) - 1) | 1L);
                }
            }
            boolean onlyA = rnd.nextBoolean();
            FlavorFilter filter = onlyA ? (m, s) -> s == 0 : FlavorFilter.ALL;
            for (int k = 0; k < 20; k++) {
                int gpus = rnd.nextBoolean() ? 4 * (1 + rnd.nextInt(17)) : 72 * (1 + rnd.nextInt(10));
                TopologyLevel required = levels[rnd.nextInt(levels.length)];
                TopologyLevel preferred = rnd.nextBoolean() ? TopologyLevel.BLOCK : required;
                Job probe = job("probe" + k)
                        .gpus(gpus)
                        .required(required)
                        .preferred(preferred)
                        .build();
                boolean fits = Placer.fits(fleet, probe, filter);
                Job same = job("same" + k)
                        .gpus(gpus)
                        .required(required)
                        .preferred(preferred)
                        .build();
                assertThat(fits)
                        .as("seed %d: %d GPUs, %s/%s, only site a %s", seed, gpus, required, preferred, onlyA)
                        .isEqualTo(Placer.place(fleet, same, filter).placed());
                // The per-site shortcut never turns down a gang that the walk over blocks would place.
                for (int m = 0; m < fleet.modelCount() && gpus >= 72; m++) {
                    int racks = gpus / 72;
                    if (!GangPlacer.enoughFree(fleet, m, racks, required, filter)) {
                        assertThat(GangPlacer.place(fleet, m, racks, required, preferred, filter))
                                .as("seed %d: model %d, %d racks, %s", seed, m, racks, required)
                                .isNull();
                    }
                }
            }
        }
    }
}
