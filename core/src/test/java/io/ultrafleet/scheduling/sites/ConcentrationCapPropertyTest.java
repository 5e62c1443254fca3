package io.ultrafleet.scheduling.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.preemption.LeastLostWork;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.testing.Decisions;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random schedules on fleets spread over three providers, with trays, gangs, elastic jobs, preemption and
 * backfill: after every cycle and every job end, no workload class holds more than its cap at any provider, counted
 * from the racks the running jobs hold (not from the cap's own books). The same schedules without the cap go over it,
 * so the check has teeth.
 */
class ConcentrationCapPropertyTest {
    private static final long HOUR = 3_600_000L;
    private static final int[] PRIORITIES = {100, 500, 1000};
    private static final TopologyLevel[] LEVELS = TopologyLevel.values();

    @Test
    void theCapHoldsAfterEveryChange() {
        for (long seed = 1; seed <= 30; seed++) {
            assertThat(run(seed, true)).as("seed %d with the cap", seed).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void withoutTheCapTheSameSchedulesGoOverIt() {
        long worst = Long.MIN_VALUE;
        for (long seed = 1; seed <= 30; seed++) {
            worst = Math.max(worst, run(seed, false));
        }
        assertThat(worst).isPositive();
    }

    /** Runs one schedule; returns the largest excess over the cap seen (at most 0 while it held). */
    private long run(long seed, boolean capped) {
        SplittableRandom rnd = new SplittableRandom(seed);
        HardwareCatalogue cat = HardwareCatalogue.builtIn();
        List<HardwareModel> models = List.of(
                cat.model("gb200-nvl72").orElseThrow(), cat.model("h100-hgx8").orElseThrow());
        Topology.Builder tb = Topology.builder();
        int sites = 0;
        for (String p : List.of("aws", "azure", "oracle")) {
            int region = tb.region(tb.provider(p), p + "-1");
            tb.site(region, p + "-a", 2 + rnd.nextInt(4));
            tb.site(region, p + "-b", 2 + rnd.nextInt(4));
            sites += 2;
        }
        FleetState fleet = new FleetState(tb.build(models.size()), models);
        for (int s = 0; s < sites; s++) {
            for (int i = rnd.nextInt(8); i > 0; i--) {
                fleet.addRack(s, 0);
            }
            for (int i = rnd.nextInt(6); i > 0; i--) {
                fleet.addRack(s, 1);
            }
        }
        QueueBook queues = new QueueBook();
        queues.add("train", -1);
        queues.add("rl", -1);
        queues.add("research", -1);
        double maxShare = 0.3 + 0.4 * rnd.nextDouble();
        // Classes: training (queues 0 and 1) sized at a random number of GPUs, research as large as the fleet.
        long trainingGpus = 72L * (4 + rnd.nextInt(20));
        ConcentrationCap cap =
                new ConcentrationCap(maxShare, new int[] {0, 0, 1}, new long[] {trainingGpus, -1}, fleet);
        int[] group = new int[sites];
        double[] price = new double[sites];
        for (int s = 0; s < sites; s++) {
            group[s] = rnd.nextInt(4) == 0 ? 1 : 0;
            price[s] = rnd.nextInt(3);
        }
        queues.siteRules(new SiteRules(capped ? cap : null, SiteRanking.fixed(group, price)));
        ClusterState cluster = new ClusterState(fleet, queues);
        PendingQueue pending = new PendingQueue();
        Set<Job> running = new LinkedHashSet<>();
        Reservations reservations = Reservations.none();
        SchedulingCycle cycle = new SchedulingCycle(1 + rnd.nextInt(50), new PreemptionSearch(new LeastLostWork()));
        long[] clock = {0};
        long worst = Long.MIN_VALUE;
        long id = 0;
        for (int step = 0; step < 250; step++) {
            clock[0] += rnd.nextLong(1, HOUR);
            for (int k = rnd.nextInt(5); k > 0; k--) {
                pending.add(randomJob(rnd, id++, clock[0]));
            }
            if (!running.isEmpty() && rnd.nextInt(3) == 0) {
                Job done = new ArrayList<>(running).get(rnd.nextInt(running.size()));
                cluster.finish(done);
                running.remove(done);
                worst = Math.max(worst, excess(fleet, cap, running, capped));
            }
            if (step % 10 == 0) {
                new ReservationPass(4).run(clock[0], fleet, cluster.occupancy(), pending, reservations);
            }
            CycleResult r = cycle.run(clock[0], cluster, pending, reservations);
            running.addAll(Decisions.started(r));
            Decisions.preempted(r).forEach(running::remove);
            worst = Math.max(worst, excess(fleet, cap, running, capped));
        }
        if (capped) {
            assertThat(cap.worstOverLimit())
                    .as("the cap's own books, seed %d", seed)
                    .isLessThanOrEqualTo(0);
        }
        return worst;
    }

    /** The largest amount by which a class's GPUs at one provider, counted from running jobs, exceed the cap. */
    private static long excess(FleetState fleet, ConcentrationCap cap, Set<Job> running, boolean booked) {
        long[][] held = new long[cap.classCount()][cap.providerCount()];
        for (Job j : running) {
            int c = cap.classOf(j.queue());
            for (int i = 0; i < j.racks().length; i++) {
                int r = j.racks()[i];
                int site = fleet.topology().blockSite(fleet.rackBlock(r));
                held[c][cap.providerOf(site)] += (long) Long.bitCount(j.unitMasks()[i])
                        * fleet.model(fleet.rackModel(r)).gpusPerUnit();
            }
        }
        long worst = Long.MIN_VALUE;
        for (int c = 0; c < held.length; c++) {
            for (int p = 0; p < held[c].length; p++) {
                if (booked) {
                    assertThat(cap.used(c, p))
                            .as("the cap's count of class %d at provider %d", c, p)
                            .isEqualTo(held[c][p]);
                }
                worst = Math.max(worst, held[c][p] - cap.limit(c));
            }
        }
        return worst;
    }

    private static Job randomJob(SplittableRandom rnd, long id, long now) {
        int queue = rnd.nextInt(3);
        int gpus = rnd.nextInt(3) == 0 ? 72 * (1 + rnd.nextInt(4)) : 1 + rnd.nextInt(64);
        JobRequest.Builder b = JobRequest.of(
                        id, "j" + id, queue, PRIORITIES[rnd.nextInt(3)], now, gpus, rnd.nextLong(HOUR / 4, 30 * HOUR))
                .topology(LEVELS[rnd.nextInt(LEVELS.length)], TopologyLevel.BLOCK)
                .models(rnd.nextInt(4) == 0 ? 1L << rnd.nextInt(2) : 0L)
                .checkpointEvery(rnd.nextBoolean() ? HOUR : 0);
        if (gpus >= 144 && rnd.nextBoolean()) {
            b.elastic(72);
        }
        return Job.of(b.build());
    }
}
