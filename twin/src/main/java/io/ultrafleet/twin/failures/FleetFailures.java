package io.ultrafleet.twin.failures;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.twin.demand.Sampler;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.reliability.BlastRadius;
import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.twin.reliability.HazardModel;
import io.ultrafleet.twin.reliability.Llama3CauseMix;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Faults in the simulated fleet. Every GPU fails at the hazard rate; each fault picks a GPU uniformly and a cause from
 * the Llama 3 mix, and does what the cause's blast radius says: a tray (or host) fault stops the jobs on it and takes
 * it down; an NVLink switch tray fault stops every job on the rack and takes the rack down; a network fault stops the
 * jobs on the rack's block; a software fault stops the job on that GPU only. Repairs bring capacity back: after
 * detection, a rack's hot spare tray replaces a failed one within the swap time (the failed tray, once repaired,
 * becomes the spare), else the tray or rack comes back after its repair time. Faults on idle GPUs take hardware down
 * but stop no job.
 */
public final class FleetFailures {
    private final ReliabilitySpec spec;
    private final HazardModel hazard;
    private final ClusterState cluster;
    private final FleetView fleet;
    private final Occupancy occupancy;
    private final Simulation sim;
    private final SplittableRandom random;
    private final Sampler trayRepair;
    private final Sampler rackRepair;
    private final double[] modelWeight;
    private final FailureEffects effects;
    private final Map<Integer, Integer> spareRacks = new LinkedHashMap<>();
    private final Map<Integer, Boolean> becomesSpare = new LinkedHashMap<>();
    private long[] spareMask = new long[64];
    private final List<Integer> spareRackIds = new ArrayList<>();
    private int sparesSetUp;
    private int epoch;
    private final Map<String, long[]> repairGpuMs = new LinkedHashMap<>();
    private long faults;
    private long[] faultsByModel = new long[0];

    /**
     * Faults on the fleet of {@code cluster}, drawn from {@code random}; racks and trays are taken down and brought back
     * through the cluster, and {@code effects} hears of each job a fault stops.
     */
    public FleetFailures(
            ReliabilitySpec spec,
            ClusterState cluster,
            Simulation sim,
            SplittableRandom random,
            FailureEffects effects) {
        this.spec = spec;
        HazardModel h = HazardModel.constant(spec.hazardPerGpuHour());
        this.hazard = spec.weibullShape() == 1 ? h : h.withWeibullAge(spec.weibullShape(), spec.weibullScaleHours());
        this.cluster = cluster;
        this.fleet = cluster.fleet();
        this.occupancy = cluster.occupancy();
        this.sim = sim;
        this.random = random;
        this.trayRepair = new Sampler(spec.trayRepair(), random.split());
        this.rackRepair = new Sampler(spec.rackRepair(), random.split());
        this.modelWeight = new double[fleet.modelCount()];
        for (int m = 0; m < modelWeight.length; m++) {
            modelWeight[m] = spec.multiplier(fleet.model(m).name());
        }
        this.effects = effects;
    }

    /** Racks arrived or left: sets up spares on new racks and re-draws the next fault for the new fleet size. */
    public void capacityChanged() {
        setUpSpares();
        epoch++;
        arm();
    }

    private void setUpSpares() {
        for (; sparesSetUp < fleet.rackCount(); sparesSetUp++) {
            int r = sparesSetUp;
            int block = fleet.rackBlock(r);
            int units0 = fleet.model(fleet.rackModel(r)).unitsPerDomain();
            if (spareRacks.getOrDefault(block, 0) < spec.spareRacksPerBlock() && fleet.rackFreeUnits(r) == units0) {
                cluster.takeDown(r, HardwareModel.fullMask(units0));
                spareRacks.merge(block, 1, Integer::sum);
                spareRackIds.add(r);
                continue;
            }
            if (r >= spareMask.length) {
                spareMask = Arrays.copyOf(spareMask, Math.max(r + 1, spareMask.length * 2));
            }
            int units = fleet.model(fleet.rackModel(r)).unitsPerDomain();
            int spares = Math.min(spec.sparesPerRack(), units - 1);
            long mask = 0;
            for (int i = 0; i < spares; i++) {
                mask |= 1L << (units - 1 - i);
            }
            if (mask != 0 && (fleet.rackFreeMask(r) & mask) == mask) {
                cluster.takeDown(r, mask);
                spareMask[r] = mask;
            }
        }
    }

    private void arm() {
        double weighted = 0;
        for (int m = 0; m < fleet.modelCount(); m++) {
            weighted += (double) fleet.onlineRacks(m) * fleet.model(m).gpusPerDomain() * modelWeight[m];
        }
        long gpus = Math.round(weighted);
        if (gpus == 0) {
            return;
        }
        int armed = epoch;
        long gap = hazard.nextFailureMillis(gpus, sim.now(), random);
        if (gap < 0 || gap == Long.MAX_VALUE) {
            return;
        }
        sim.after(Math.max(1, gap), now -> {
            if (epoch == armed) {
                strike();
                arm();
            }
        });
    }

    private void strike() {
        int rack = randomRack();
        if (rack < 0) {
            return;
        }
        faults++;
        if (faultsByModel.length < fleet.modelCount()) {
            faultsByModel = Arrays.copyOf(faultsByModel, fleet.modelCount());
        }
        faultsByModel[fleet.rackModel(rack)]++;
        int units = fleet.model(fleet.rackModel(rack)).unitsPerDomain();
        int unit = random.nextInt(units);
        FailureCause cause = Llama3CauseMix.sample(random);
        BlastRadius radius = cause.blastRadius();
        switch (radius) {
            case JOB_ONLY -> {
                Job j = occupancy.holder(rack, unit);
                if (j != null) {
                    effects.interrupt(j, cause, -1);
                }
            }
            case NETWORK -> {
                for (Job j : jobsCrossingRackLinks(rack)) {
                    effects.interrupt(j, cause, -1);
                }
            }
            case TRAY -> takeDown(rack, 1L << unit, cause, false);
            case RACK -> takeDown(rack, HardwareModel.fullMask(units), cause, true);
        }
    }

    /**
     * A GPU chosen over the fleet's racks in service, each weighted by its GPUs times its model's hazard multiplier
     * (rejection sampling).
     */
    private int randomRack() {
        int n = fleet.rackCount();
        double largest = 0;
        for (int m = 0; m < fleet.modelCount(); m++) {
            largest = Math.max(largest, fleet.model(m).gpusPerDomain() * modelWeight[m]);
        }
        for (int tries = 0; tries < 10_000; tries++) {
            int r = random.nextInt(n);
            if (fleet.rackStatus(r) == RackStatus.GONE) {
                continue;
            }
            int m = fleet.rackModel(r);
            if (random.nextDouble() * largest < fleet.model(m).gpusPerDomain() * modelWeight[m]) {
                return r;
            }
        }
        return -1;
    }

    /**
     * The jobs whose traffic crosses the rack's scale-out links (its leaf switch ports and cables): those holding a
     * unit of the rack and spanning more than one NVLink domain. A job inside one domain talks over NVLink only.
     */
    private List<Job> jobsCrossingRackLinks(int rack) {
        List<Job> out = new ArrayList<>();
        int units = fleet.model(fleet.rackModel(rack)).unitsPerDomain();
        for (int u = 0; u < units; u++) {
            Job j = occupancy.holder(rack, u);
            if (j != null && j.racks().length > 1 && !out.contains(j)) {
                out.add(j);
            }
        }
        return out;
    }

    /** Stops the jobs on {@code mask} of the rack, takes the units down and schedules their repair. */
    private void takeDown(int rack, long mask, FailureCause cause, boolean wholeRack) {
        int units = fleet.model(fleet.rackModel(rack)).unitsPerDomain();
        List<Job> hit = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            Job j = (mask & (1L << u)) != 0 ? occupancy.holder(rack, u) : null;
            if (j != null && !hit.contains(j)) {
                hit.add(j);
            }
        }
        for (Job j : hit) {
            effects.interrupt(j, cause, rack);
        }
        long down = mask & fleet.rackFreeMask(rack);
        if (down == 0) {
            return; // already down: a spare, or still under repair
        }
        cluster.takeDown(rack, down);
        long failedAt = sim.now();
        int gpusPerUnit = fleet.model(fleet.rackModel(rack)).gpusPerUnit();
        long spares = rack < spareMask.length ? spareMask[rack] : 0;
        if (!wholeRack && spares != 0) {
            long spare = Long.lowestOneBit(spares);
            spareMask[rack] &= ~spare;
            long repairMs = repairTime(trayRepair);
            sim.after(spec.detectionMs() + spec.traySwapMs(), t -> cluster.bringUp(rack, spare));
            sim.after(spec.detectionMs() + repairMs, t -> {
                spareMask[rack] |= down;
                charge(cause, Long.bitCount(down) * gpusPerUnit * (t - failedAt));
            });
            return;
        }
        int spareRack = spareRackInBlock(fleet.rackBlock(rack));
        if (spareRack >= 0) {
            // A spare rack of the block takes this rack's place for gangs; this one becomes a spare once repaired.
            spareRackIds.remove(Integer.valueOf(spareRack));
            long all = fleet.model(fleet.rackModel(spareRack)).fullMask();
            sim.after(spec.detectionMs() + spec.traySwapMs(), t -> cluster.bringUp(spareRack, all));
            becomesSpare.put(rack, true);
        }
        long repairMs = repairTime(wholeRack ? rackRepair : trayRepair);
        sim.after(spec.detectionMs() + repairMs, t -> {
            cluster.bringUp(rack, down);
            charge(cause, Long.bitCount(down) * gpusPerUnit * (t - failedAt));
            long full = fleet.model(fleet.rackModel(rack)).fullMask();
            if (becomesSpare.remove(rack) != null && fleet.rackSchedulable(rack) && fleet.rackFreeMask(rack) == full) {
                cluster.takeDown(rack, full);
                spareRackIds.add(rack);
            }
        });
    }

    private int spareRackInBlock(int block) {
        for (int r : spareRackIds) {
            if (fleet.rackBlock(r) == block) {
                return r;
            }
        }
        return -1;
    }

    private long repairTime(Sampler s) {
        return Math.max(1, Math.round(s.next()));
    }

    private void charge(FailureCause cause, long gpuMs) {
        repairGpuMs.computeIfAbsent(cause.name(), k -> new long[1])[0] += gpuMs;
    }

    /** GPU-milliseconds each cause kept hardware down (repairs completed so far). */
    public Map<String, Long> repairGpuMsByCause() {
        Map<String, Long> out = new LinkedHashMap<>();
        repairGpuMs.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    /** Faults so far per hardware model index. */
    public long faultsOnModel(int model) {
        return model < faultsByModel.length ? faultsByModel[model] : 0;
    }

    /** Faults so far, whether or not they stopped a job. */
    public long faults() {
        return faults;
    }
}
