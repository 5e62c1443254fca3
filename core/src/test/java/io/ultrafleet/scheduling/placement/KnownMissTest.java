package io.ultrafleet.scheduling.placement;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.testing.FleetChanges;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A gang that found no room is not searched again until a rack is freed whole ({@link Placer#knownMiss}): through
 * random takes, releases, failures and repairs, the gangs that remember their misses are placed, or not, exactly as
 * gangs that never searched before, under any filter and behind holds.
 */
class KnownMissTest {
    private static final long ALL = (1L << 18) - 1;

    @Test
    void aMissIsKeptWhileRacksAreOnlyTakenAndForgottenWhenOneIsFreed() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 8).build();
        f.allocate(0, ALL);
        f.allocate(4, ALL);
        Job gang = job("g").gpus(4 * 72).required(TopologyLevel.BLOCK).build();
        assertThat(Placer.place(f, gang).placed()).isFalse();
        assertThat(Placer.knownMiss(f, gang)).isTrue();
        f.allocate(1, 1L); // a tray taken: still no room
        assertThat(Placer.knownMiss(f, gang)).isTrue();
        f.release(0, ALL); // rack 0 is whole again: look again
        assertThat(Placer.knownMiss(f, gang)).isFalse();
        f.release(1, 1L);
        assertThat(Placer.place(f, gang).placed()).isTrue();
    }

    @Test
    void rememberedMissesAnswerAsFreshSearchesThroughRandomChanges() {
        TopologyLevel[] levels = TopologyLevel.values();
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            FleetState fleet = FleetChanges.twoSites();
            List<Job> gangs = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                gangs.add(job("g" + k)
                        .gpus(72 * (1 + rnd.nextInt(8)))
                        .required(levels[rnd.nextInt(levels.length)])
                        .build());
            }
            for (int step = 0; step < 300; step++) {
                FleetChanges.random(fleet, rnd);
                FlavorFilter filter = rnd.nextBoolean() ? FlavorFilter.ALL : (m, s) -> s == 0;
                Holds view = new Holds(fleet, 0);
                if (rnd.nextBoolean()) {
                    view.holdFor(job("holder").gpus(72 * (1 + rnd.nextInt(4))).build(), null);
                }
                for (Job g : gangs) {
                    Job fresh =
                            job("fresh").gpus(g.gpus()).required(g.required()).build();
                    String as = "seed " + seed + ", step " + step + ": " + g.gpus() + " GPUs, " + g.required();
                    assertThat(Placer.fits(fleet, g, filter)).as(as).isEqualTo(Placer.fits(fleet, fresh, filter));
                    boolean placed = Placer.place(view, fresh, filter).placed();
                    if (Placer.knownMiss(fleet, g)) {
                        assertThat(placed).as(as + ", remembered as a miss").isFalse();
                    }
                    assertThat(Placer.place(view, g, filter).placed()).as(as).isEqualTo(placed);
                    Placer.place(fleet, g, FlavorFilter.ALL); // remembers a miss on the whole fleet
                }
            }
        }
    }
}
