package io.ultrafleet.twin.failures;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.reliability.BlastRadius;
import io.ultrafleet.twin.reliability.ComponentClass;
import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.twin.scenario.CostSpec;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Spot capacity taken back by its provider. Each overflow entry of kind spot with a {@code reclaim} rule reclaims the
 * racks it prices (its models at its sites) as a Poisson process: every rack in service at {@code perMonth} reclaims
 * per 30 days. A reclaim gives notice: every job on the rack is told, checkpoints if its checkpoint stall fits in the
 * notice (losing nothing) and otherwise loses its work since its last checkpoint, and stops; the rack leaves service
 * at once (nothing new is placed on it during the notice) and comes back {@code away} later. Reclaimed racks are not
 * held by jobs, so use-based billing stops for them; the work lost is counted per entry, in GPU-hours and at the
 * entry's price.
 */
public final class SpotReclaims {
    private static final long MONTH_MS = 30 * 86_400_000L;

    /** The cause reclaims are counted under, with the faults. */
    public static final FailureCause CAUSE =
            new FailureCause("Spot reclaim", ComponentClass.PROVIDER_RECLAIM, BlastRadius.RACK, 0);

    /** What a reclaim does to a job on the rack: stop it, after a checkpoint when {@code checkpointed}. */
    @FunctionalInterface
    public interface Effects {
        /** Returns the GPU-milliseconds of work the job lost. */
        long reclaimed(Job job, FailureCause cause, int rack, boolean checkpointed);
    }

    /** What one entry's reclaims did. */
    public static final class Tally {
        private final String name;
        private final double[] usdPerGpuHourByModel;
        private long reclaims;
        private long awayGpuMs;
        private long lostGpuMs;
        private double lostUsd;

        Tally(String name, double[] usdPerGpuHourByModel) {
            this.name = name;
            this.usdPerGpuHourByModel = usdPerGpuHourByModel;
        }

        public String name() {
            return name;
        }

        public long reclaims() {
            return reclaims;
        }

        /** GPU-milliseconds of racks away after a reclaim (counted when they come back). */
        public long awayGpuMs() {
            return awayGpuMs;
        }

        /** GPU-milliseconds of work lost by jobs stopped without a checkpoint. */
        public long lostGpuMs() {
            return lostGpuMs;
        }

        /** What the lost work had cost, at the entry's price of each rack's model. */
        public double lostUsd() {
            return lostUsd;
        }
    }

    private final ClusterState cluster;
    private final FleetView fleet;
    private final Simulation sim;
    private final SplittableRandom random;
    private final Effects effects;
    private final List<CostSpec.OverflowSpec> entries = new ArrayList<>();
    private final List<boolean[]> covers = new ArrayList<>(); // per entry, per model * sites + site
    private final List<Tally> tallies = new ArrayList<>();
    private int epoch;

    /** Reclaims of the spot entries of {@code overflow} that have a reclaim rule, drawn from {@code random}. */
    public SpotReclaims(
            List<CostSpec.OverflowSpec> overflow,
            ClusterState cluster,
            Simulation sim,
            SplittableRandom random,
            Effects effects) {
        this.cluster = cluster;
        this.fleet = cluster.fleet();
        this.sim = sim;
        this.random = random;
        this.effects = effects;
        int sites = fleet.topology().siteCount();
        for (CostSpec.OverflowSpec o : overflow) {
            if (o.reclaim() == null) {
                continue;
            }
            boolean[] cover = new boolean[fleet.modelCount() * sites];
            double[] price = new double[fleet.modelCount()];
            for (int m = 0; m < fleet.modelCount(); m++) {
                Double usd = o.gpuHourUsd().get(fleet.model(m).name());
                if (usd == null) {
                    continue;
                }
                price[m] = usd;
                for (int s = 0; s < sites; s++) {
                    cover[m * sites + s] = o.sites().isEmpty()
                            || o.sites().contains(fleet.topology().siteName(s));
                }
            }
            entries.add(o);
            covers.add(cover);
            tallies.add(new Tally(o.name(), price));
        }
    }

    /** Whether any entry reclaims. */
    public boolean any() {
        return !entries.isEmpty();
    }

    /** What each reclaiming entry's reclaims did, in the order of the scenario. */
    public List<Tally> tallies() {
        return List.copyOf(tallies);
    }

    /** Racks arrived or left: the next reclaim of each entry is drawn again for the new number of racks. */
    public void capacityChanged() {
        epoch++;
        for (int i = 0; i < entries.size(); i++) {
            arm(i);
        }
    }

    private void arm(int entry) {
        List<Integer> racks = candidates(entry);
        if (racks.isEmpty()) {
            return;
        }
        double perMs = racks.size() * entries.get(entry).reclaim().perMonth() / MONTH_MS;
        long gap = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) / perMs));
        int armed = epoch;
        sim.after(gap, now -> {
            if (epoch == armed) {
                reclaim(entry);
                arm(entry);
            }
        });
    }

    /** The entry's racks in service with nothing down: those the provider can take back now. */
    private List<Integer> candidates(int entry) {
        boolean[] cover = covers.get(entry);
        int sites = fleet.topology().siteCount();
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < fleet.rackCount(); r++) {
            int site = fleet.topology().blockSite(fleet.rackBlock(r));
            if (cover[fleet.rackModel(r) * sites + site]
                    && fleet.rackStatus(r) != RackStatus.GONE
                    && fleet.rackSchedulable(r)
                    && fleet.rackDownMask(r) == 0) {
                out.add(r);
            }
        }
        return out;
    }

    private void reclaim(int entry) {
        List<Integer> racks = candidates(entry);
        if (racks.isEmpty()) {
            return;
        }
        int rack = racks.get(random.nextInt(racks.size()));
        CostSpec.ReclaimSpec spec = entries.get(entry).reclaim();
        Tally tally = tallies.get(entry);
        tally.reclaims++;
        HardwareModel hw = fleet.model(fleet.rackModel(rack));
        List<Job> hit = new ArrayList<>();
        for (int u = 0; u < hw.unitsPerDomain(); u++) {
            Job j = cluster.occupancy().holder(rack, u);
            if (j != null && !hit.contains(j)) {
                hit.add(j);
            }
        }
        for (Job j : hit) {
            boolean checkpointed =
                    j.request().checkpointIntervalMs() > 0 && j.request().checkpointStallMs() <= spec.noticeMs();
            long lost = effects.reclaimed(j, CAUSE, rack, checkpointed);
            tally.lostGpuMs += lost;
            tally.lostUsd += lost / 3_600_000.0 * tally.usdPerGpuHourByModel[fleet.rackModel(rack)];
        }
        long down = fleet.rackFreeMask(rack);
        if (down == 0) {
            return;
        }
        cluster.takeDown(rack, down);
        long gone = sim.now();
        int gpusPerUnit = hw.gpusPerUnit();
        sim.after(spec.awayMs(), t -> {
            cluster.bringUp(rack, down);
            tally.awayGpuMs += Long.bitCount(down) * gpusPerUnit * (t - gone);
        });
    }
}
