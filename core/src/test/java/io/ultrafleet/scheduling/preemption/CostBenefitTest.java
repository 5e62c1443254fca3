package io.ultrafleet.scheduling.preemption;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.testing.Decisions;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import org.junit.jupiter.api.Test;

class CostBenefitTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private ClusterState cluster;

    private void fleet(int racks) {
        FleetState f =
                Fleets.fleet().site("s", racks).racks("s", "gb200-nvl72", racks).build();
        QueueBook queues = new QueueBook();
        queues.add("q", -1);
        cluster = new ClusterState(f, queues);
    }

    private void run(Job j, long at) {
        cluster.start(j, Placer.place(cluster.fleet(), j).placement(), at);
    }

    private CycleResult cycle(long now, Job waiting, PreemptionSearch search) {
        PendingQueue pending = new PendingQueue();
        pending.add(waiting);
        return new SchedulingCycle(50, search).run(now, cluster, pending, Reservations.none());
    }

    private static PreemptionSearch weighed() {
        return new PreemptionSearch(new LowestPriorityYoungest(), PreemptionPolicies.defaultPolicy());
    }

    /** A replica of one rack at the production class. */
    private static Job replica(long now) {
        return job("replica")
                .gpus(72)
                .priority(1000)
                .submit(now)
                .duration(1000 * HOUR)
                .build();
    }

    @Test
    void aWholeRackReplicaDoesNotStopAGangOfManyRacks() {
        fleet(16);
        Job gang = job("pretrain")
                .gpus(16 * 72)
                .priority(500)
                .duration(1000 * HOUR)
                .checkpointEvery(5 * MINUTE)
                .restart(10 * MINUTE)
                .build();
        run(gang, 0);
        long now = 10 * HOUR + 2 * MINUTE;
        Job replica = replica(now);
        CycleResult r = cycle(now, replica, weighed());
        // Restart and requeue alone cost 1,152 GPUs x 20 min = 384 GPU-hours, more than 4 x 72 GPU-hours.
        assertThat(Decisions.preempted(r)).isEmpty();
        assertThat(gang.state()).isEqualTo(JobState.RUNNING);
        assertThat(replica.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aCycleAsksOnceForReplicasOfOneShapeWhoseVictimsAreTooCostly() {
        fleet(16);
        Job gang = job("pretrain")
                .gpus(16 * 72)
                .priority(500)
                .duration(1000 * HOUR)
                .checkpointEvery(5 * MINUTE)
                .restart(10 * MINUTE)
                .build();
        run(gang, 0);
        long now = 10 * HOUR + 2 * MINUTE;
        PendingQueue pending = new PendingQueue();
        for (int i = 0; i < 5; i++) {
            pending.add(job("replica-" + i)
                    .gpus(72)
                    .priority(1000)
                    .submit(now)
                    .duration(1000 * HOUR)
                    .build());
        }
        PreemptionSearch search = weighed();
        new SchedulingCycle(50, search).run(now, cluster, pending, Reservations.none());
        assertThat(search.declined()).isEqualTo(1);
        assertThat(gang.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void theSameGangIsStoppedWhenNothingIsWeighed() {
        fleet(16);
        Job gang = job("pretrain")
                .gpus(16 * 72)
                .priority(500)
                .duration(1000 * HOUR)
                .checkpointEvery(5 * MINUTE)
                .restart(10 * MINUTE)
                .build();
        run(gang, 0);
        long now = 10 * HOUR + 2 * MINUTE;
        CycleResult r = cycle(now, replica(now), new PreemptionSearch(new LowestPriorityYoungest()));
        assertThat(Decisions.preempted(r)).containsExactly(gang);
    }

    @Test
    void aReplicaStopsSmallResearchJobsThatLoseLittle() {
        fleet(1);
        Job a = job("a").gpus(36).priority(100).duration(100 * HOUR).build();
        Job b = job("b").gpus(36).priority(100).duration(100 * HOUR).build();
        run(a, 0);
        run(b, 0);
        long now = HOUR;
        CycleResult r = cycle(now, replica(now), weighed());
        // Each loses an hour of 36 GPUs and pays a 10-minute requeue: 84 GPU-hours in all, under 4 x 72.
        assertThat(Decisions.preempted(r)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void theSameJobsAreSparedOnceTheyHaveRunLong() {
        fleet(1);
        Job a = job("a").gpus(36).priority(100).duration(100 * HOUR).build();
        Job b = job("b").gpus(36).priority(100).duration(100 * HOUR).build();
        run(a, 0);
        run(b, 0);
        long now = 5 * HOUR;
        PreemptionSearch search = weighed();
        CycleResult r = cycle(now, replica(now), search);
        // 72 GPUs x 5 h lost is more than 4 x 72 GPU-hours gained.
        assertThat(Decisions.preempted(r)).isEmpty();
        assertThat(search.declined()).isEqualTo(1);
    }

    @Test
    void theGainIsTheWaitingJobsGpusOverTheWindowOrItsRunIfShorter() {
        CostBenefit p = new CostBenefit(new PreemptionTerms(2.0, HOUR, 0));
        Job longJob = job("long").gpus(72).duration(10 * HOUR).build();
        Job shortJob = job("short").gpus(72).duration(15 * MINUTE).build();
        assertThat(p.gain(longJob, 0)).isEqualTo(72.0 * HOUR);
        assertThat(p.gain(shortJob, 0)).isEqualTo(72.0 * 15 * MINUTE);
        assertThat(p.allows(longJob, 144 * HOUR, 0)).isTrue();
        assertThat(p.allows(longJob, 144 * HOUR + 1, 0)).isFalse();
    }

    @Test
    void theRegistryNamesEveryPolicyOnce() {
        assertThat(PreemptionPolicies.names()).containsExactly(CostBenefit.NAME, Unweighed.NAME);
        assertThat(PreemptionPolicies.byName("cost-benefit", PreemptionTerms.DEFAULT))
                .get()
                .isInstanceOf(CostBenefit.class);
        assertThat(PreemptionPolicies.byName("none", PreemptionTerms.DEFAULT)).isEmpty();
    }
}
