package io.ultrafleet.bench;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fleet of the default scenario at the end of 2026, built directly with {@link Topology} and {@link FleetState}
 * (no scenario file, no simulation): 2,778 NVL72 racks (1,024 GB200, 1,754 GB300; 200,016 GPUs) at three sites
 * (dfw, iad, cmh) in blocks of 32 racks, and one unlimited queue. {@link #filled} fills it the way {@code ultrafleet
 * bench placement} does, with a seeded mix of low-priority gangs and tray jobs, to about 72 % of its GPUs; {@link
 * #fillToFull} then packs it until not even one tray is free.
 */
final class BenchFleet {
    /** Racks of a site-level gang that only one site can hold when the fleet is filled. */
    static final int GANG_RACKS = 512;
    /** Priority of the work that fills the fleet. */
    static final int FILL_PRIORITY = 100;

    private static final long HOUR_MS = 3_600_000L;
    private static final int RACKS_PER_BLOCK = 32;

    /** Racks of each model per site at the end of 2026 in {@code aws-openai-2025}. */
    private record SiteRacks(String region, String site, int gb200, int gb300) {}

    private static final List<SiteRacks> SITES = List.of(
            new SiteRacks("us-east-1", "dfw", 410, 702),
            new SiteRacks("us-east-1", "iad", 410, 701),
            new SiteRacks("us-east-2", "cmh", 204, 351));

    private final FleetView fleet;
    private final ClusterState cluster;
    private final SplittableRandom rnd;
    private long nextId;

    private BenchFleet(long seed) {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        List<HardwareModel> models = List.of(
                catalogue.model("gb200-nvl72").orElseThrow(),
                catalogue.model("gb300-nvl72").orElseThrow());
        Topology.Builder tb = Topology.builder();
        int aws = tb.provider("aws");
        List<String> regions = new ArrayList<>();
        int[] site = new int[SITES.size()];
        for (int i = 0; i < SITES.size(); i++) {
            SiteRacks sr = SITES.get(i);
            if (!regions.contains(sr.region())) {
                tb.region(aws, sr.region());
                regions.add(sr.region());
            }
            site[i] = tb.site(regions.indexOf(sr.region()), sr.site(), RACKS_PER_BLOCK);
        }
        QueueBook queues = new QueueBook();
        queues.add("bench", -1);
        cluster = new ClusterState(new FleetState(tb.build(models.size()), models), queues);
        fleet = cluster.fleet();
        for (int i = 0; i < SITES.size(); i++) {
            addRacks(site[i], 0, SITES.get(i).gb200());
            addRacks(site[i], 1, SITES.get(i).gb300());
        }
        rnd = new SplittableRandom(seed);
    }

    private void addRacks(int site, int model, int racks) {
        for (int i = 0; i < racks; i++) {
            cluster.addRack(site, model);
        }
    }

    /** The fleet, about 72 % used, with room for a {@value #GANG_RACKS}-rack gang of GB300 at dfw only. */
    static BenchFleet filled(long seed) {
        BenchFleet f = new BenchFleet(seed);
        f.fill();
        return f;
    }

    FleetView fleet() {
        return fleet;
    }

    ClusterState cluster() {
        return cluster;
    }

    /** A new pending job of one day, checkpointing every hour, in the bench queue. */
    Job job(String name, int gpus, int priority, TopologyLevel required, TopologyLevel preferred) {
        return Job.of(JobRequest.of(nextId++, name, 0, priority, 0, gpus, 24 * HOUR_MS)
                .topology(required, preferred)
                .checkpointEvery(HOUR_MS)
                .build());
    }

    /**
     * Gangs of 8-64 racks (the last one smaller, so as not to overshoot) fill the fleet to about 62 %, except GB300 at
     * dfw (the largest site and model, 702 racks), where exactly 140 racks are used, so a 512-rack gang fits there
     * only. Then 4-64-GPU tray jobs fill partly used racks elsewhere to about 72 % of all GPUs. Start times are spread
     * over a day, so jobs differ in the work a stop would lose.
     */
    private void fill() {
        int gb300 = fleet.modelIndex("gb300-nvl72");
        int dfw = fleet.topology().siteIndex("dfw");
        FlavorFilter elsewhere = (m, s) -> !(m == gb300 && s == dfw);
        FlavorFilter there = (m, s) -> m == gb300 && s == dfw;
        fillGangs(elsewhere, (long) (fleet.onlineGpus() * 0.62));
        fillGangs(there, fleet.allocatedGpus() + 140L * 72);
        long smallTarget = (long) (fleet.onlineGpus() * 0.72);
        while (fleet.allocatedGpus() < smallTarget) {
            Job j = job(
                    "fill-small", 4 * (1 + rnd.nextInt(16)), FILL_PRIORITY, TopologyLevel.BLOCK, TopologyLevel.BLOCK);
            Placer.Result r = Placer.place(fleet, j, elsewhere);
            if (!r.placed()) {
                break;
            }
            cluster.start(j, r.placement(), rnd.nextLong(0, 24 * HOUR_MS));
        }
    }

    private void fillGangs(FlavorFilter where, long targetGpus) {
        int misses = 0;
        while (fleet.allocatedGpus() < targetGpus && misses < 50) {
            long missing = (targetGpus - fleet.allocatedGpus() + 71) / 72;
            int racks = (int) Math.min(8 << rnd.nextInt(4), missing);
            Job j = job("fill-gang", racks * 72, FILL_PRIORITY, TopologyLevel.SITE, TopologyLevel.BLOCK);
            Placer.Result r = Placer.place(fleet, j, where);
            if (r.placed()) {
                cluster.start(j, r.placement(), rnd.nextLong(0, 24 * HOUR_MS));
            } else {
                misses++;
            }
        }
    }

    /** Packs the rest of the fleet with low-priority gangs of 1-8 racks, then 1-tray jobs, until nothing fits. */
    void fillToFull() {
        while (true) {
            Job j = job("full", 72 * (1 + rnd.nextInt(8)), FILL_PRIORITY, TopologyLevel.SITE, TopologyLevel.BLOCK);
            Placer.Result r = Placer.place(fleet, j);
            if (r.placed()) {
                cluster.start(j, r.placement(), rnd.nextLong(0, 24 * HOUR_MS));
                continue;
            }
            Job t = job("full-tray", 4, FILL_PRIORITY, TopologyLevel.BLOCK, TopologyLevel.BLOCK);
            Placer.Result rt = Placer.place(fleet, t);
            if (!rt.placed()) {
                return;
            }
            cluster.start(t, rt.placement(), rnd.nextLong(0, 24 * HOUR_MS));
        }
    }
}
