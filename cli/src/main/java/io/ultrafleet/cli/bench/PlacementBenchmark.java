package io.ultrafleet.cli.bench;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.scheduling.preemption.LeastLostWork;
import io.ultrafleet.scheduling.preemption.Preemption;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.fleet.FleetModel;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Placement speed on the default scenario's full fleet (2,778 NVL72 racks, 200,016 GPUs) with a realistic mix of
 * used and free capacity: gangs of 8-64 racks and small tray jobs fill about 72 % of it, leaving partly used racks
 * and, at one site, room for a 512-rack gang. Measures small placements per second (place, start and
 * release a 1-tray job), the latency of placing a 512-rack site-level gang, and of the preemption search for one
 * when the fleet is full of lower-priority work. The heap figure is the fleet state, occupancy and the running jobs
 * of the filled fleet. The wall clock is read here only.
 */
public final class PlacementBenchmark {
    /** What one run measured. */
    public record Result(
            long gpus,
            int racks,
            double smallPlacementsPerS,
            double gangP50Ms,
            double gangP99Ms,
            double gangPreemptP99Ms,
            double fleetStateHeapMib) {}

    private static final int GANG_RACKS = 512;
    private static final int GANG_TRIALS = 1_000;
    private static final int PREEMPT_TRIALS = 200;
    /** Untimed runs first, so that the timed ones measure compiled code, as a long-running scheduler runs. */
    private static final int WARMUP = 500;

    private final Scenario scenario;
    private long nextId;

    public PlacementBenchmark(Scenario scenario) {
        this.scenario = scenario;
    }

    public Result run(long seed) {
        long before = usedHeap();
        ClusterState cluster = buildCluster();
        FleetView fleet = cluster.fleet();
        SplittableRandom rnd = new SplittableRandom(seed);
        fill(cluster, rnd);
        long after = usedHeap();
        double stateMib = Math.max(0, after - before) / (1024.0 * 1024.0);

        double perS = smallPlacements(cluster, rnd);
        double[] gang = gangLatencies(cluster);
        double preemptP99 = preemptLatencyP99(cluster, rnd);
        return new Result(fleet.onlineGpus(), fleet.onlineRacks(), perS, gang[0], gang[1], preemptP99, stateMib);
    }

    /** The scenario's whole fleet, every delivery in, with one queue of no quota. */
    private ClusterState buildCluster() {
        FleetModel model = new FleetModel(scenario.fleet(), HardwareCatalogue.builtIn(), scenario.epoch());
        QueueBook queues = new QueueBook();
        queues.add("bench", -1);
        ClusterState cluster = new ClusterState(model.state(), queues);
        Simulation sim = new Simulation();
        model.schedule(scenario.fleet(), sim, scenario.endMs(), cluster);
        sim.runUntil(scenario.horizonMs());
        return cluster;
    }

    private Job job(String name, int gpus, int priority, TopologyLevel level) {
        return Job.of(JobRequest.of(nextId++, name, 0, priority, 0, gpus, 3_600_000L * 24)
                .topology(level, TopologyLevel.BLOCK)
                .checkpointEvery(3_600_000L)
                .build());
    }

    /**
     * Gangs of 8-64 racks fill the fleet to about 85 %, except GB300 at dfw (the largest site and model, 702 racks),
     * which keeps room for a 512-rack gang: only about 20 % of it is used there. Then 1-16-tray jobs fill partly used
     * racks to about 72 % of all GPUs. Everything is of low priority.
     */
    private void fill(ClusterState cluster, SplittableRandom rnd) {
        FleetView f = cluster.fleet();
        int gb300 = f.modelIndex("gb300-nvl72");
        int dfw = f.topology().siteIndex("dfw");
        FlavorFilter elsewhere = (m, s) -> !(m == gb300 && s == dfw);
        FlavorFilter there = (m, s) -> m == gb300 && s == dfw;
        fillGangs(cluster, rnd, elsewhere, (long) (f.onlineGpus() * 0.62));
        fillGangs(cluster, rnd, there, f.allocatedGpus() + 140L * 72);
        long smallTarget = (long) (f.onlineGpus() * 0.72);
        while (f.allocatedGpus() < smallTarget) {
            Job j = job("fill-small", 4 * (1 + rnd.nextInt(16)), 100, TopologyLevel.BLOCK);
            Placer.Result r = Placer.place(f, j, elsewhere);
            if (!r.placed()) {
                break;
            }
            cluster.start(j, r.placement(), rnd.nextLong(0, 3_600_000L * 24));
        }
    }

    private void fillGangs(ClusterState cluster, SplittableRandom rnd, FlavorFilter where, long targetGpus) {
        FleetView f = cluster.fleet();
        int misses = 0;
        while (f.allocatedGpus() < targetGpus && misses < 50) {
            int racks = 8 << rnd.nextInt(4);
            Job j = job("fill-gang", racks * 72, 100, TopologyLevel.SITE);
            Placer.Result r = Placer.place(f, j, where);
            if (r.placed()) {
                cluster.start(j, r.placement(), rnd.nextLong(0, 3_600_000L * 24));
            } else {
                misses++;
            }
        }
    }

    /** Place, start and release 1-tray jobs for about a second, in five rounds; the median rate. */
    private double smallPlacements(ClusterState cluster, SplittableRandom rnd) {
        double[] rates = new double[5];
        Job[] live = new Job[256];
        for (int round = 0; round < rates.length; round++) {
            int n = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1_000; i++) {
                    int slot = n++ & (live.length - 1);
                    if (live[slot] != null) {
                        cluster.finish(live[slot]);
                    }
                    Job j = job("small", 1 + rnd.nextInt(4), 500, TopologyLevel.BLOCK);
                    Placer.Result r = Placer.place(cluster.fleet(), j);
                    if (!r.placed()) {
                        throw new IllegalStateException("the benchmark fleet has no room for one tray");
                    }
                    cluster.start(j, r.placement(), 0);
                    live[slot] = j;
                }
            }
            rates[round] = n / ((System.nanoTime() - t0) / 1e9);
        }
        for (Job j : live) {
            if (j != null) {
                cluster.finish(j);
            }
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    /** p50 and p99 of placing (not starting) a 512-rack site-level gang, in ms. */
    private double[] gangLatencies(ClusterState cluster) {
        Job gang = job("gang", GANG_RACKS * 72, 1000, TopologyLevel.SITE);
        for (int i = 0; i < WARMUP; i++) {
            Placer.place(cluster.fleet(), gang);
        }
        long[] ns = new long[GANG_TRIALS];
        Placement found = null;
        for (int i = 0; i < GANG_TRIALS; i++) {
            long t0 = System.nanoTime();
            Placer.Result r = Placer.place(cluster.fleet(), gang);
            ns[i] = System.nanoTime() - t0;
            found = r.placement();
        }
        if (found == null) {
            throw new IllegalStateException("the benchmark fleet has no room for a 512-rack gang");
        }
        Arrays.sort(ns);
        return new double[] {ns[GANG_TRIALS / 2] / 1e6, ns[(int) Math.ceil(GANG_TRIALS * 0.99) - 1] / 1e6};
    }

    /** p99 of the preemption search for a 512-rack gang once the fleet is full of lower-priority work, in ms. */
    private double preemptLatencyP99(ClusterState cluster, SplittableRandom rnd) {
        FleetView f = cluster.fleet();
        List<Job> added = new ArrayList<>();
        while (true) {
            Job j = job("full", 72 * (1 + rnd.nextInt(8)), 100, TopologyLevel.SITE);
            Placer.Result r = Placer.place(f, j);
            if (!r.placed()) {
                Job t = job("full-tray", 4, 100, TopologyLevel.BLOCK);
                Placer.Result rt = Placer.place(f, t);
                if (!rt.placed()) {
                    break;
                }
                cluster.start(t, rt.placement(), 0);
                added.add(t);
                continue;
            }
            cluster.start(j, r.placement(), rnd.nextLong(0, 3_600_000L * 24));
            added.add(j);
        }
        Job gang = job("urgent", GANG_RACKS * 72, 1000, TopologyLevel.SITE);
        PreemptionSearch search = new PreemptionSearch(new LeastLostWork());
        long now = 3_600_000L * 30;
        for (int i = 0; i < WARMUP; i++) {
            search.find(now, f, cluster.occupancy(), gang);
        }
        long[] ns = new long[PREEMPT_TRIALS];
        Preemption p = null;
        for (int i = 0; i < PREEMPT_TRIALS; i++) {
            long t0 = System.nanoTime();
            p = search.find(now, f, cluster.occupancy(), gang);
            ns[i] = System.nanoTime() - t0;
        }
        if (p == null) {
            throw new IllegalStateException("no preemption found for the 512-rack gang");
        }
        for (Job j : added) {
            cluster.finish(j);
        }
        Arrays.sort(ns);
        return ns[(int) Math.ceil(PREEMPT_TRIALS * 0.99) - 1] / 1e6;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
