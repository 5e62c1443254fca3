package io.ultrafleet.scheduling.preemption;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.testing.Decisions;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreemptionTest {
    private static final long HOUR = 3_600_000L;

    private final QueueBook queues = new QueueBook();
    private ClusterState cluster;
    private final List<Job> stopped = new ArrayList<>();

    private FleetState fleet(int blockSize, int racks) {
        FleetState f = Fleets.fleet()
                .site("s", blockSize)
                .racks("s", "gb200-nvl72", racks)
                .build();
        queues.add("q", -1);
        cluster = new ClusterState(f, queues);
        return f;
    }

    private void run(Job j, long at) {
        cluster.start(j, Placer.place(cluster.fleet(), j).placement(), at);
    }

    private CycleResult cycle(long now, PendingQueue pending) {
        CycleResult r = new SchedulingCycle(50, new PreemptionSearch(new LeastLostWork()))
                .run(now, cluster, pending, Reservations.none());
        assertThat(Decisions.of(r, Decision.Shrink.class)).isEmpty();
        stopped.addAll(Decisions.preempted(r));
        return r;
    }

    @Test
    void smallJobStopsTheLowerPriorityJobThatLosesLeastWork() {
        fleet(4, 1);
        // Nine 8-GPU research jobs fill the rack; checkpoints every hour, started at different times.
        List<Job> research = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Job j = job("r" + i)
                    .gpus(8)
                    .priority(100)
                    .duration(100 * HOUR)
                    .checkpointEvery(HOUR)
                    .build();
            run(j, i * 7 * 60_000L);
            research.add(j);
        }
        // At 10 h: r0 (started 0:00) checkpointed at 10:00 exactly and loses nothing.
        long now = 10 * HOUR;
        PendingQueue pending = new PendingQueue();
        Job urgent = job("urgent").gpus(8).priority(1000).submit(now).build();
        pending.add(urgent);
        CycleResult s = cycle(now, pending);
        assertThat(s.preempted()).isEqualTo(1);
        assertThat(stopped).containsExactly(research.get(0));
        assertThat(urgent.state()).isEqualTo(JobState.RUNNING);
        Job victim = research.get(0);
        assertThat(victim.state()).isEqualTo(JobState.PENDING);
        assertThat(victim.waitReason()).isEqualTo(WaitReason.PREEMPTED);
        assertThat(victim.progress().savedWorkMs()).isEqualTo(10 * HOUR);
        assertThat(victim.request().estimateMs() - victim.progress().savedWorkMs())
                .isEqualTo(90 * HOUR);
        assertThat(pending).contains(victim);
    }

    @Test
    void gangStopsWholeJobsOnlyAndTheCheapestSet() {
        FleetState f = fleet(4, 4);
        Job bigOld = job("bigOld")
                .gpus(2 * 72)
                .priority(100)
                .duration(100 * HOUR)
                .checkpointEvery(4 * HOUR)
                .build();
        Job small = job("small")
                .gpus(72)
                .priority(100)
                .duration(100 * HOUR)
                .checkpointEvery(HOUR)
                .build();
        Job other = job("other").gpus(72).priority(100).duration(100 * HOUR).build();
        run(bigOld, 0);
        run(small, 0);
        run(other, 0);
        long now = 7 * HOUR; // bigOld loses 3 h x 144 GPUs, small 0, other 7 h x 72 GPUs
        PendingQueue pending = new PendingQueue();
        Job gang = job("gang").gpus(2 * 72).priority(500).submit(now).build();
        pending.add(gang);
        cycle(now, pending);
        assertThat(gang.state()).isEqualTo(JobState.RUNNING);
        // Cheapest: small (0) plus bigOld (432 GPU-h) frees 3 racks; small + other (504 GPU-h) frees 2. Dropping
        // unneeded victims leaves bigOld alone (432), which frees 2 racks.
        assertThat(stopped).containsExactly(bigOld);
        assertThat(bigOld.racks()).isEmpty();
        assertThat(f.allocatedGpus()).isEqualTo(4 * 72);
    }

    @Test
    void equalOrHigherPriorityIsNeverStopped() {
        fleet(4, 1);
        Job same = job("same").gpus(72).priority(500).build();
        run(same, 0);
        PendingQueue pending = new PendingQueue();
        Job j = job("j").gpus(4).priority(500).submit(HOUR).build();
        pending.add(j);
        CycleResult s = cycle(HOUR, pending);
        assertThat(s.preempted()).isZero();
        assertThat(j.state()).isEqualTo(JobState.PENDING);
        assertThat(same.state()).isEqualTo(JobState.RUNNING);
        // The fleet is full and no running job ranks below j, so the cycle does not even look.
        assertThat(s.examined()).isZero();
    }

    @Test
    void siteLevelGangMayStopJobsAcrossBlocks() {
        FleetState f = fleet(2, 4);
        for (int i = 0; i < 4; i++) {
            run(job("r" + i).gpus(72).priority(100).build(), 0);
        }
        PendingQueue pending = new PendingQueue();
        Job gang = job("gang")
                .gpus(3 * 72)
                .priority(500)
                .required(TopologyLevel.SITE)
                .submit(HOUR)
                .build();
        pending.add(gang);
        cycle(HOUR, pending);
        assertThat(gang.state()).isEqualTo(JobState.RUNNING);
        assertThat(stopped).hasSize(3);
        assertThat(f.allocatedGpus()).isEqualTo(4 * 72);
    }
}
