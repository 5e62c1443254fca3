package io.ultrafleet.scheduling.preemption;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.Occupancies;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A search that keeps each block's one-rack answer ({@link BlockAnswers}) chooses what a new search would, and finds
 * the same lost work and cost, through random starts and ends of small jobs and whole-rack jobs (some checkpointing,
 * some restarted and still in their restart's overhead), failed and repaired trays, and the clock moving on past
 * their checkpoints; under both preemption policies.
 */
class BlockAnswersTest {
    private static final long ALL = (1L << 18) - 1;

    @Test
    void keptAnswersMatchFreshSearchesThroughRandomChanges() {
        check(Unweighed::new);
    }

    @Test
    void keptCostsMatchFreshSearchesUnderCostBenefit() {
        check(() -> new CostBenefit(PreemptionTerms.DEFAULT));
    }

    private static void check(Supplier<PreemptionPolicy> policy) {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            FleetState fleet = Fleets.fleet()
                    .site("a", 4)
                    .site("b", 3)
                    .racks("a", "gb200-nvl72", 12)
                    .racks("b", "gb200-nvl72", 9)
                    .build();
            Occupancy occ = Occupancies.of(fleet);
            PreemptionSearch kept = new PreemptionSearch(new LowestPriorityYoungest(), policy.get());
            List<Job> running = new ArrayList<>();
            long now = 0;
            for (int step = 0; step < 400; step++) {
                now += rnd.nextInt(rnd.nextBoolean() ? 600_000 : 60_000);
                change(fleet, occ, running, rnd, now, step);
                Job replica = job("replica" + step)
                        .gpus(72)
                        .priority(1000)
                        .required(TopologyLevel.BLOCK)
                        .build();
                Preemption got = kept.find(now, fleet, occ, replica);
                Preemption fresh =
                        new PreemptionSearch(new LowestPriorityYoungest(), policy.get()).find(now, fleet, occ, replica);
                String as = "seed " + seed + ", step " + step;
                if (fresh == null) {
                    assertThat(got).as(as).isNull();
                } else {
                    assertThat(got).as(as).isNotNull();
                    assertThat(got.victims()).as(as).containsExactlyElementsOf(fresh.victims());
                    assertThat(got.lostGpuMs()).as(as).isEqualTo(fresh.lostGpuMs());
                    assertThat(got.costGpuMs()).as(as).isEqualTo(fresh.costGpuMs());
                }
            }
        }
    }

    /** One random change: a job starts on free trays or a free rack, a running job ends, or a tray fails or is repaired. */
    private static void change(
            FleetState fleet, Occupancy occ, List<Job> running, SplittableRandom rnd, long now, int step) {
        int r = rnd.nextInt(fleet.rackCount());
        int op = rnd.nextInt(10);
        if (op < 5 && fleet.rackSchedulable(r)) {
            long free = fleet.rackFreeMask(r);
            long mask = free == ALL && rnd.nextBoolean() ? ALL : Long.lowestOneBit(free);
            if (mask != 0) {
                int gpus = 4 * Long.bitCount(mask);
                Job j = job("j" + step)
                        .gpus(gpus)
                        .priority(rnd.nextBoolean() ? 100 : 500)
                        .duration(86_400_000L)
                        .checkpointEvery(rnd.nextBoolean() ? 0 : 60_000L * (1 + rnd.nextInt(60)))
                        .restart(60_000L * rnd.nextInt(30))
                        .build();
                fleet.allocate(r, mask);
                if (rnd.nextInt(3) == 0) {
                    // a job that ran before and restarts now, paying its restart's overhead
                    j.start(now - 600_000L, new int[] {r}, new long[] {mask}, gpus, gpus);
                    j.preempt(now - 300_000L);
                }
                j.start(now, new int[] {r}, new long[] {mask}, gpus, gpus);
                Occupancies.add(occ, j, new int[] {r}, new long[] {mask});
                running.add(j);
            }
        } else if (op < 8 && !running.isEmpty()) {
            Job j = running.remove(rnd.nextInt(running.size()));
            Occupancies.remove(occ, j);
            for (int i = 0; i < j.racks().length; i++) {
                fleet.release(j.racks()[i], j.unitMasks()[i]);
            }
        } else if (op == 8) {
            long tray = Long.lowestOneBit(fleet.rackFreeMask(r));
            if (tray != 0) {
                fleet.takeDown(r, tray);
            }
        } else {
            long down = Long.lowestOneBit(fleet.rackDownMask(r));
            if (down != 0) {
                fleet.bringUp(r, down);
            }
        }
    }
}
