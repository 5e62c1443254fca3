package io.ultrafleet.scheduling;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.testing.Decisions;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingCycleTest {
    private static final long FULL = (1L << 18) - 1;

    /** Runs cycles at time 0 on one cluster and remembers the jobs started, in order. */
    static final class Recorder {
        final ClusterState cluster;
        final List<Job> started = new ArrayList<>();

        Recorder(FleetState fleet, QueueBook queues) {
            this.cluster = new ClusterState(fleet, queues);
        }

        CycleResult cycle(int depth, PendingQueue pending) {
            CycleResult r = new SchedulingCycle(depth).run(0, cluster, pending, Reservations.none());
            started.addAll(Decisions.started(r));
            return r;
        }
    }

    private static QueueBook book(long... quotas) {
        QueueBook b = new QueueBook();
        for (int i = 0; i < quotas.length; i++) {
            b.add("q" + i, quotas[i]);
        }
        return b;
    }

    @Test
    void higherPriorityThenOlderJobsGoFirst() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 1).build();
        QueueBook q = book(-1);
        PendingQueue pending = new PendingQueue();
        Job old = job("old").gpus(36).priority(100).submit(1).build();
        Job young = job("young").gpus(36).priority(100).submit(2).build();
        Job urgent = job("urgent").gpus(36).priority(500).submit(3).build();
        pending.add(young);
        pending.add(old);
        pending.add(urgent);
        Recorder rec = new Recorder(f, q);
        CycleResult stats = rec.cycle(100, pending);
        assertThat(rec.started).containsExactly(urgent, old);
        assertThat(stats.started()).isEqualTo(2);
        assertThat(young.state()).isEqualTo(JobState.PENDING);
        // The rack is full after two starts, so the cycle stops without looking at the third job.
        assertThat(stats.examined()).isEqualTo(2);
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void queueQuotaHolds() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 2).build();
        QueueBook q = book(8, -1);
        PendingQueue pending = new PendingQueue();
        Job a = job("a").gpus(8).queue(0).submit(1).build();
        Job b = job("b").gpus(4).queue(0).submit(2).build();
        Job c = job("c").gpus(4).queue(1).submit(3).build();
        pending.add(a);
        pending.add(b);
        pending.add(c);
        Recorder rec = new Recorder(f, q);
        rec.cycle(100, pending);
        assertThat(rec.started).containsExactly(a, c);
        assertThat(b.waitReason()).isEqualTo(WaitReason.QUOTA);
        assertThat(q.used(0)).isEqualTo(8);
    }

    @Test
    void aQueueWhoseQuotaIsUsedUpLeavesTheRestOfTheWalkToOthers() {
        // Queue 0 has a quota of 8 GPUs, all used; its many waiting jobs are refused without being examined one by
        // one, so a job of queue 1 ranked after them still gets looked at within a small queue depth.
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 2).build();
        QueueBook q = book(8, -1);
        PendingQueue pending = new PendingQueue();
        Job holder = job("holder").gpus(8).queue(0).submit(0).build();
        pending.add(holder);
        for (int i = 0; i < 10; i++) {
            pending.add(job("refused" + i).gpus(4).queue(0).submit(1 + i).build());
        }
        Job other = job("other").gpus(4).queue(1).priority(0).submit(99).build();
        pending.add(other);
        Recorder rec = new Recorder(f, q);
        CycleResult r = rec.cycle(3, pending);
        assertThat(rec.started).containsExactly(holder, other);
        assertThat(r.examined()).isEqualTo(3);
        assertThat(pending.size()).isEqualTo(10);
    }

    @Test
    void waitingGangHoldsTheRacksItNeedsButNoMore() {
        // Two blocks of 4 racks; one rack busy in each. A 4-rack gang cannot start; it holds the 3 free racks of one
        // block. A later small job must use the other block.
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 8).build();
        f.allocate(0, FULL);
        f.allocate(4, FULL);
        QueueBook q = book(-1);
        PendingQueue pending = new PendingQueue();
        Job gang = job("gang").gpus(4 * 72).priority(500).build();
        Job small = job("small").gpus(4).priority(100).build();
        Job filler = job("filler").gpus(3 * 72).priority(100).build();
        pending.add(gang);
        pending.add(small);
        pending.add(filler);
        Recorder rec = new Recorder(f, q);
        rec.cycle(100, pending);
        assertThat(gang.waitReason()).isEqualTo(WaitReason.NO_CAPACITY);
        assertThat(rec.started).containsExactly(small);
        int usedBlock = f.rackBlock(small.racks()[0]);
        assertThat(f.blockWholeFreeRacks(1 - usedBlock)).isEqualTo(3);
        assertThat(filler.waitReason()).isEqualTo(WaitReason.HELD_FOR_GANG);
    }

    @Test
    void queueDepthBoundsTheWorkOfOneCycle() {
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 1).build();
        QueueBook q = book(-1);
        PendingQueue pending = new PendingQueue();
        for (int i = 0; i < 10; i++) {
            pending.add(job("big" + i).gpus(144).submit(i).build());
        }
        pending.add(job("small").gpus(4).submit(99).build());
        Recorder rec = new Recorder(f, q);
        CycleResult s = rec.cycle(5, pending);
        assertThat(s.examined()).isEqualTo(5);
        assertThat(rec.started).isEmpty();
    }
}
