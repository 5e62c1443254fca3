package io.ultrafleet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.preemption.LeastLostWork;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.scheduling.quota.Flavor;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random schedules over random fleets: trays, gangs, elastic jobs, three priorities, quotas with a cohort,
 * backfill and preemption all on. After every cycle and every job end the scheduler's state must be consistent: no
 * unit given twice, every running job holding exactly its units, gangs whole, quotas kept.
 */
class SchedulerInvariantsPropertyTest {
    private static final long HOUR = 3_600_000L;
    private static final int[] PRIORITIES = {100, 500, 1000};
    private static final TopologyLevel[] LEVELS = TopologyLevel.values();

    @Test
    void invariantsHoldOverRandomSchedules() {
        for (long seed = 1; seed <= 40; seed++) {
            runOne(seed);
        }
    }

    private void runOne(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int blockSize = 2 + rnd.nextInt(6);
        FleetState fleet = Fleets.fleet()
                .site("a", blockSize)
                .site("b", blockSize)
                .racks("a", "gb200-nvl72", 2 + rnd.nextInt(12))
                .racks("b", "gb300-nvl72", 2 + rnd.nextInt(12))
                .racks("b", "h100-hgx8", rnd.nextInt(8))
                .build();
        QueueBook queues = new QueueBook();
        queues.add("open", -1);
        queues.add("lab1", "labs", 1, List.of(new Quota(Flavor.ANY, 6 * 72, 3 * 72, 4 * 72)));
        queues.add("lab2", "labs", 2, List.of(Quota.of(new Flavor(0, -1), 4 * 72), Quota.of(new Flavor(1, 1), 72)));
        ClusterState cluster = new ClusterState(fleet, queues);
        PendingQueue pending = new PendingQueue();
        Set<Job> running = new LinkedHashSet<>();
        Reservations reservations = Reservations.none();
        SchedulingCycle cycle = new SchedulingCycle(1 + rnd.nextInt(50), new PreemptionSearch(new LeastLostWork()));
        long[] clock = {0};
        long id = 0;
        for (int step = 0; step < 300; step++) {
            clock[0] += rnd.nextLong(1, HOUR);
            for (int k = rnd.nextInt(4); k > 0; k--) {
                pending.add(randomJob(rnd, id++, clock[0]));
            }
            if (!running.isEmpty() && rnd.nextInt(3) == 0) {
                Job done = new ArrayList<>(running).get(rnd.nextInt(running.size()));
                cluster.finish(done);
                running.remove(done);
                check(fleet, cluster, queues, running, pending, "seed " + seed + " step " + step + " after end");
            }
            if (step % 10 == 0) {
                new ReservationPass(4).run(clock[0], fleet, cluster.occupancy(), pending, reservations);
            }
            CycleResult r = cycle.run(clock[0], cluster, pending, reservations);
            for (Decision d : r.decisions()) {
                if (d instanceof Decision.Start st) {
                    running.add(st.job());
                } else if (d instanceof Decision.Preempt pr) {
                    assertThat(pr.job().priority()).isLessThan(pr.forJob().priority());
                    running.remove(pr.job());
                } else if (d instanceof Decision.Shrink sh) {
                    assertThat(sh.job().priority()).isLessThan(sh.forJob().priority());
                }
            }
            check(fleet, cluster, queues, running, pending, "seed " + seed + " step " + step);
        }
    }

    private static Job randomJob(SplittableRandom rnd, long id, long now) {
        int gpus = rnd.nextInt(3) == 0 ? 72 * (1 + rnd.nextInt(6)) : 1 + rnd.nextInt(64);
        JobRequest.Builder b = JobRequest.of(
                        id,
                        "j" + id,
                        rnd.nextInt(3),
                        PRIORITIES[rnd.nextInt(3)],
                        now,
                        gpus,
                        rnd.nextLong(HOUR / 4, 30 * HOUR))
                .topology(LEVELS[rnd.nextInt(LEVELS.length)], TopologyLevel.BLOCK)
                .models(rnd.nextInt(4) == 0 ? 1L << rnd.nextInt(3) : 0L)
                .checkpointEvery(rnd.nextBoolean() ? HOUR : 0);
        if (gpus >= 144 && rnd.nextBoolean()) {
            b.elastic(72);
        }
        return Job.of(b.build());
    }

    private static void check(
            FleetState fleet,
            ClusterState cluster,
            QueueBook queues,
            Set<Job> running,
            PendingQueue pending,
            String where) {
        Occupancy occ = cluster.occupancy();
        long allocatedUnitsSeen = 0;
        for (int r = 0; r < fleet.rackCount(); r++) {
            int units = fleet.model(fleet.rackModel(r)).unitsPerDomain();
            int highest = Integer.MIN_VALUE;
            for (int u = 0; u < units; u++) {
                boolean free = (fleet.rackFreeMask(r) & (1L << u)) != 0;
                Job h = occ.holder(r, u);
                highest = h == null ? highest : Math.max(highest, h.priority());
                assertThat(free)
                        .as("%s: rack %d unit %d free xor held", where, r, u)
                        .isEqualTo(h == null);
                if (h != null) {
                    allocatedUnitsSeen += fleet.model(fleet.rackModel(r)).gpusPerUnit();
                    assertThat(running)
                            .as("%s: holder of rack %d is running", where, r)
                            .contains(h);
                }
            }
            assertThat(occ.highestPriority(r))
                    .as("%s: highest priority on rack %d", where, r)
                    .isEqualTo(highest);
            assertThat(Long.bitCount(fleet.rackFreeMask(r))).isEqualTo(fleet.rackFreeUnits(r));
        }
        assertThat(fleet.allocatedGpus()).as(where).isEqualTo(allocatedUnitsSeen);
        long[] usedByQueue = new long[queues.size()];
        for (Job j : running) {
            assertThat(j.state()).isEqualTo(JobState.RUNNING);
            int held = 0;
            for (int i = 0; i < j.racks().length; i++) {
                long mask = j.unitMasks()[i];
                for (long m = mask; m != 0; m &= m - 1) {
                    assertThat(occ.holder(j.racks()[i], Long.numberOfTrailingZeros(m)))
                            .isSameAs(j);
                }
                held += Long.bitCount(mask)
                        * fleet.model(fleet.rackModel(j.racks()[i])).gpusPerUnit();
            }
            assertThat(held).as("%s: %s holds what it says", where, j).isEqualTo(j.allocatedGpus());
            assertThat(j.runGpus()).as("%s: %s whole", where, j).isBetween(j.minGpus(), j.gpus());
            assertThat(held).as("%s: %s has room for what it runs", where, j).isGreaterThanOrEqualTo(j.runGpus());
            usedByQueue[j.queue()] += held;
        }
        for (Job p : pending) {
            assertThat(p.racks()).as("%s: pending %s holds nothing", where, p).isEmpty();
        }
        for (int q = 0; q < queues.size(); q++) {
            assertThat(queues.used(q)).as("%s: queue %d use", where, q).isEqualTo(usedByQueue[q]);
            assertThat(queues.used(q))
                    .as("%s: queue %d within its ceiling", where, q)
                    .isLessThanOrEqualTo(queues.ceiling(q));
        }
    }
}
