package io.ultrafleet.scheduling.elastic;

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
import io.ultrafleet.scheduling.preemption.LeastLostWork;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.testing.Jobs;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticTest {
    private static final long HOUR = 3_600_000L;

    private final FleetState fleet =
            Fleets.fleet().site("s", 4).racks("s", "gb200-nvl72", 4).build();
    private final QueueBook queues = new QueueBook();
    private final ClusterState cluster;
    private final PendingQueue pending = new PendingQueue();
    private final List<String> log = new ArrayList<>();

    ElasticTest() {
        queues.add("q", -1);
        cluster = new ClusterState(fleet, queues);
    }

    private CycleResult cycle(long now) {
        CycleResult r = new SchedulingCycle(50, new PreemptionSearch(new LeastLostWork()))
                .run(now, cluster, pending, Reservations.none());
        for (Decision d : r.decisions()) {
            if (d instanceof Decision.Start st) {
                log.add("start " + st.job().name() + " "
                        + Math.min(st.job().gpus(), st.placement().allocatedGpus()));
            } else if (d instanceof Decision.Preempt pr) {
                log.add("preempt " + pr.job().name());
            } else if (d instanceof Decision.Shrink sh) {
                log.add("shrink " + sh.job().name() + " " + sh.after().runGpus());
            } else if (d instanceof Decision.Grow gr) {
                log.add("grow " + gr.job().name() + " " + gr.after().runGpus());
            }
        }
        return r;
    }

    private Job elastic() {
        return job("elastic")
                .gpus(4 * 72)
                .priority(100)
                .duration(20 * HOUR)
                .elastic(2 * 72)
                .build();
    }

    @Test
    void startsBelowFullSizeRunsSlowerAndGrowsWhenRoomFrees() {
        Job other = job("other").gpus(2 * 72).priority(100).duration(10 * HOUR).build();
        cluster.start(other, Placer.place(fleet, other).placement(), 0);
        Job e = elastic();
        pending.add(e);
        cycle(0);
        assertThat(log).containsExactly("start elastic 144");
        assertThat(Jobs.msToEnd(e, 0)).isEqualTo(40 * HOUR);
        // At 10 h the other job ends; the next cycle grows the elastic job to full size.
        cluster.finish(other);
        cycle(10 * HOUR);
        assertThat(log).containsExactly("start elastic 144", "grow elastic 288");
        assertThat(e.racks()).hasSize(4);
        // Half the work was done at half speed in 10 h: 5 h of full-size work, 15 h left.
        assertThat(Jobs.msToEnd(e, 10 * HOUR)).isEqualTo(15 * HOUR);
        assertThat(fleet.allocatedGpus()).isEqualTo(288);
    }

    @Test
    void higherPriorityJobShrinksAnElasticJobInsteadOfPreemptingIt() {
        Job e = elastic();
        pending.add(e);
        cycle(0);
        Job urgent = job("urgent").gpus(72).priority(1000).submit(HOUR).build();
        pending.add(urgent);
        cycle(HOUR);
        assertThat(log).containsExactly("start elastic 288", "shrink elastic 216", "start urgent 72");
        assertThat(e.state()).isEqualTo(JobState.RUNNING);
        assertThat(e.racks()).hasSize(3);
        assertThat(cluster.occupancy().holder(urgent.racks()[0], 0)).isSameAs(urgent);
        // 1 h at full size done; 19 h of full-size work left at 3/4 speed.
        assertThat(Jobs.msToEnd(e, HOUR)).isEqualTo(19 * HOUR * 4 / 3);
    }

    @Test
    void neverShrinksBelowTheMinimumAndThenPreempts() {
        Job e = elastic();
        pending.add(e);
        cycle(0);
        Job big = job("big").gpus(3 * 72).priority(1000).submit(HOUR).build();
        pending.add(big);
        cycle(HOUR);
        // Shrinking to the minimum frees only 2 racks; the whole job is stopped instead.
        assertThat(log).containsExactly("start elastic 288", "preempt elastic", "start big 216");
    }
}
