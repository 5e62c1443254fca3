package io.ultrafleet.scheduling.sites;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import org.junit.jupiter.api.Test;

/** Capacity held back for a service: lasting work stays out of it, elastic and short work borrow it. */
class ServingReserveTest {
    private static final long HOUR = 3_600_000L;
    private static final int SERVING = 0;
    private static final int TRAINING = 1;

    private ClusterState cluster;
    private ServingReserve reserve;

    /** Sites a and b with 10 GB200 racks each; 4 racks' worth held back at each. */
    private void setUp() {
        FleetState f = Fleets.fleet()
                .site("a", 10)
                .site("b", 10)
                .racks("a", "gb200-nvl72", 10)
                .racks("b", "gb200-nvl72", 10)
                .build();
        QueueBook queues = new QueueBook();
        queues.add("serving", -1);
        queues.add("training", -1);
        reserve = new ServingReserve(new int[] {SERVING}, 1L, 2 * HOUR, 2);
        reserve.keep(0, 4 * 72);
        reserve.keep(1, 4 * 72);
        queues.siteRules(queues.siteRules().withReserve(reserve));
        cluster = new ClusterState(f, queues);
    }

    private static Job gang(String name, int racks, long duration) {
        return job(name)
                .queue(TRAINING)
                .gpus(72 * racks)
                .priority(500)
                .duration(duration)
                .required(TopologyLevel.SITE)
                .build();
    }

    private CycleResult cycle(long now, Job... jobs) {
        PendingQueue pending = new PendingQueue();
        for (Job j : jobs) {
            pending.add(j);
        }
        return new SchedulingCycle(50).run(now, cluster, pending, Reservations.none());
    }

    private int siteOf(Job j) {
        return cluster.fleet().topology().blockSite(cluster.fleet().rackBlock(j.racks()[0]));
    }

    @Test
    void lastingWorkLeavesTheReserveFreeAndIsCounted() {
        setUp();
        Job first = gang("first", 6, 1000 * HOUR);
        cycle(0, first);
        assertThat(first.state()).isEqualTo(JobState.RUNNING);
        assertThat(reserve.lasting(siteOf(first))).isEqualTo(6 * 72);
        // Each site has 10 racks, 4 held back: a second lasting gang of 6 fits at the other site, a third nowhere.
        Job second = gang("second", 6, 1000 * HOUR);
        Job third = gang("third", 6, 1000 * HOUR);
        cycle(0, second, third);
        assertThat(second.state()).isEqualTo(JobState.RUNNING);
        assertThat(third.state()).isEqualTo(JobState.PENDING);
        assertThat(third.waitReason()).isEqualTo(WaitReason.RESERVED);
        // Work that ends soon and elastic work borrow the racks held back.
        Job shortGang = gang("short", 4, HOUR);
        Job elastic = job("elastic")
                .queue(TRAINING)
                .gpus(72 * 4)
                .elastic(72)
                .priority(500)
                .duration(1000 * HOUR)
                .required(TopologyLevel.SITE)
                .build();
        cycle(0, shortGang);
        assertThat(shortGang.state()).isEqualTo(JobState.RUNNING);
        cluster.finish(shortGang);
        cycle(0, elastic);
        assertThat(elastic.state()).isEqualTo(JobState.RUNNING);
        // Lasting work gives its GPUs back to the books when it ends.
        cluster.finish(first);
        cluster.finish(second);
        assertThat(reserve.lasting(0) + reserve.lasting(1)).isZero();
    }

    @Test
    void theServicesOwnReplicasAreNotLimited() {
        setUp();
        Job lasting = gang("lasting", 6, 1000 * HOUR);
        cycle(0, lasting);
        Job replica = job("replica")
                .queue(SERVING)
                .gpus(72)
                .priority(1000)
                .duration(1000 * HOUR)
                .build();
        assertThat(reserve.limits(replica)).isFalse();
        assertThat(cluster.queues().siteRules().reserve(cluster.fleet(), replica, FlavorFilter.ALL))
                .isSameAs(FlavorFilter.ALL);
        FlavorFilter forLasting =
                cluster.queues().siteRules().reserve(cluster.fleet(), gang("more", 1, 1000 * HOUR), FlavorFilter.ALL);
        int held = siteOf(lasting);
        // Lasting work is held to 6 racks a site: none more where the gang is, up to 6 at the other site.
        assertThat(forLasting.allows(0, held)).isFalse();
        assertThat(forLasting.allows(0, 1 - held)).isTrue();
    }
}
