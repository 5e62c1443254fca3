package io.ultrafleet.scheduling.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.testing.Jobs;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classes a concentration cap counts queues in can change after it is made, as a live server's queues do: a queue
 * added later is put in its class, and a queue moved to another class takes what its running jobs hold with it.
 */
class CapClassesTest {
    /** Providers p0 (site 0) and p1 (site 1), two GB200 racks each. */
    private static FleetState fleet() {
        Topology.Builder tb = Topology.builder();
        tb.site(tb.region(tb.provider("p0"), "r0"), "s0", 8);
        tb.site(tb.region(tb.provider("p1"), "r1"), "s1", 8);
        FleetState f = new FleetState(
                tb.build(1),
                List.of(HardwareCatalogue.builtIn().model("gb200-nvl72").orElseThrow()));
        for (int site = 0; site < 2; site++) {
            f.addRack(site, 0);
            f.addRack(site, 0);
        }
        return f;
    }

    @Test
    void aQueueAddedLaterIsCountedInTheClassItIsAssigned() {
        FleetState f = fleet();
        ConcentrationCap cap = new ConcentrationCap(0.5, new int[] {0}, new long[] {-1, -1}, f);
        assertThat(cap.classOf(3)).isEqualTo(-1);
        cap.assign(3, 1);
        assertThat(cap.classOf(3)).isEqualTo(1);
        assertThat(cap.classOf(2)).isEqualTo(-1);
        assertThat(cap.classOf(0)).isZero();
        cap.charge(3, 0, 72);
        assertThat(cap.used(1, 0)).isEqualTo(72);
        assertThat(cap.used(0, 0)).isZero();
        // half of 288 GPUs: 144 at one provider
        assertThat(cap.admits(3, 0, 72, cap.limit(1))).isTrue();
        assertThat(cap.admits(3, 0, 73, cap.limit(1))).isFalse();
        assertThatThrownBy(() -> cap.assign(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQueueMovedToAnotherClassTakesWhatItHoldsWithIt() {
        FleetState f = fleet();
        QueueBook book = new QueueBook();
        int q = book.add("lab/train", -1);
        ConcentrationCap cap = new ConcentrationCap(0.5, new int[] {0}, new long[] {-1, -1}, f);
        book.siteRules(new SiteRules(cap, null));
        ClusterState cluster = new ClusterState(f, book);
        Job job = Jobs.job("j").queue(q).gpus(72).build();
        cluster.start(job, Placer.place(f, job).placement(), 0);
        int provider = cap.providerOf(f.topology().blockSite(f.rackBlock(job.racks()[0])));
        assertThat(cap.used(0, provider)).isEqualTo(72);

        assertThat(cluster.changeQueue(q, null, 1.0, List.of(), List.of(job), () -> cap.assign(q, 1)))
                .isTrue();
        assertThat(cap.used(0, provider)).isZero();
        assertThat(cap.used(1, provider)).isEqualTo(72);
        cluster.finish(job);
        assertThat(cap.used(1, provider)).isZero();
    }

    @Test
    void aJobTheCapKeepsFromEveryProviderWaitsForQuotaAndSaysItIsTheCap() {
        FleetState f = fleet();
        QueueBook book = new QueueBook();
        int q = book.add("lab/train", -1);
        // a quarter of 288 GPUs: one rack per provider
        book.siteRules(new SiteRules(new ConcentrationCap(0.25, new int[] {0}, new long[] {-1}, f), null));
        ClusterState cluster = new ClusterState(f, book);
        PendingQueue pending = new PendingQueue();
        Job a = Jobs.job("a").queue(q).gpus(72).build();
        Job b = Jobs.job("b").queue(q).gpus(72).build();
        Job c = Jobs.job("c").queue(q).gpus(72).build();
        pending.add(a);
        pending.add(b);
        pending.add(c);
        SchedulingCycle cycle = new SchedulingCycle(100, null);
        CycleResult r = cycle.run(0, cluster, pending, Reservations.none());
        assertThat(r.started()).isEqualTo(2);
        Job waiting = pending.iterator().next();
        assertThat(waiting.waitReason()).isEqualTo(WaitReason.QUOTA);
        assertThat(DecisionWords.waiting(waiting.waitReason(), waiting.waitDetail()))
                .isEqualTo("waiting: queue quota would be exceeded (the concentration cap: its priority class holds its"
                        + " share at every provider with room for it)");
    }
}
