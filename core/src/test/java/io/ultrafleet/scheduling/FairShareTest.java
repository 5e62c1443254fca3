package io.ultrafleet.scheduling;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.quota.Flavor;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.testing.Decisions;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairShareTest {
    private final List<Job> started = new ArrayList<>();

    private void cycle(ClusterState cluster, PendingQueue pending) {
        CycleResult r = new SchedulingCycle(100).run(0, cluster, pending, Reservations.none());
        assertThat(r.decisions()).allMatch(d -> d instanceof Decision.Start || d instanceof Decision.Wait);
        started.addAll(Decisions.started(r));
    }

    @Test
    void equalPriorityQueuesAreServedByLowestDominantShare() {
        // One rack of 18 trays; two queues with equal quotas, ten 4-GPU jobs each, queue a's all older.
        FleetState f = Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 1).build();
        QueueBook b = new QueueBook();
        b.add("a", null, 1, List.of(Quota.of(Flavor.ANY, 72)));
        b.add("b", null, 1, List.of(Quota.of(Flavor.ANY, 72)));
        ClusterState cluster = new ClusterState(f, b);
        PendingQueue pending = new PendingQueue();
        for (int i = 0; i < 10; i++) {
            pending.add(job("a" + i).queue(0).submit(i).build());
        }
        for (int i = 0; i < 10; i++) {
            pending.add(job("b" + i).queue(1).submit(100 + i).build());
        }
        cycle(cluster, pending);
        // Fair sharing alternates; strict age order would have given a all ten before b got any.
        assertThat(started).hasSize(18);
        assertThat(b.used(0)).isEqualTo(36);
        assertThat(b.used(1)).isEqualTo(36);
        assertThat(started.subList(0, 4)).extracting(Job::name).containsExactly("a0", "b0", "a1", "b1");
    }

    @Test
    void quotaLimitsPlacementToFlavoursTheQueueHas() {
        FleetState f = Fleets.fleet()
                .site("x", 4)
                .site("y", 4)
                .racks("x", "gb200-nvl72", 1)
                .racks("y", "gb200-nvl72", 1)
                .build();
        QueueBook b = new QueueBook();
        b.add("onlyY", null, 1, List.of(Quota.of(new Flavor(0, 1), 8)));
        ClusterState cluster = new ClusterState(f, b);
        PendingQueue pending = new PendingQueue();
        Job first = job("first").queue(0).gpus(8).build();
        Job second = job("second").queue(0).gpus(4).submit(1).build();
        pending.add(first);
        pending.add(second);
        cycle(cluster, pending);
        assertThat(started).containsExactly(first);
        assertThat(f.topology().blockSite(f.rackBlock(first.racks()[0]))).isEqualTo(1);
        assertThat(second.waitReason()).isEqualTo(WaitReason.QUOTA);
    }
}
