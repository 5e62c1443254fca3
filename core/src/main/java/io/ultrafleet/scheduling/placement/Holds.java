package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.Arrays;

/**
 * Wholly free racks held, for the length of one scheduling cycle, for gangs that could not start: the fleet as the
 * jobs ranked after such a gang see it. A waiting gang of {@code n} racks holds up to {@code n} wholly free racks of
 * its model in the site (or fleet) where it is closest to fitting, spread over that site's blocks most-free first,
 * exactly where it would be placed once enough racks free up. Holding only that many, and only there, lets smaller
 * work use the rest of the fleet while the gang is not starved by it.
 */
public final class Holds implements FleetView {
    private final FleetView fleet;
    private int[] held;
    private final int[] heldByModel;
    private boolean any;

    public Holds(FleetView fleet) {
        this.fleet = fleet;
        this.held = new int[Math.max(1, fleet.topology().blockCount())];
        this.heldByModel = new int[fleet.modelCount()];
    }

    /** True when something is held. */
    public boolean any() {
        return any;
    }

    /** Holds racks for {@code job}, which found no place; only gangs of whole racks hold anything. */
    public void holdFor(Job job) {
        for (int m = 0; m < fleet.modelCount(); m++) {
            HardwareModel hw = fleet.model(m);
            if (!job.allowsModel(m) || job.gpus() < hw.gpusPerDomain()) {
                continue;
            }
            int racks = Shape.of(hw, job.gpus()).racks();
            if (GangPlacer.couldEverFit(fleet, m, racks, job.required())) {
                holdBest(m, racks, job.required());
            }
        }
    }

    private void holdBest(int model, int racks, TopologyLevel required) {
        Topology topo = fleet.topology();
        if (held.length < topo.blockCount()) {
            held = Arrays.copyOf(held, topo.blockCount());
        }
        int groups = required == TopologyLevel.ANY ? 1 : topo.siteCount();
        int bestGroup = -1;
        long bestFree = -1;
        for (int g = 0; g < groups; g++) {
            long free = 0;
            for (int b = 0; b < topo.blockCount(); b++) {
                if (topo.blockModel(b) == model && (groups == 1 || topo.blockSite(b) == g)) {
                    free += blockWholeFreeRacks(b);
                }
            }
            if (free > bestFree) {
                bestFree = free;
                bestGroup = g;
            }
        }
        if (bestFree <= 0) {
            return;
        }
        int site = groups == 1 ? -1 : bestGroup;
        int[] blocks = GangPlacer.blocksByFreeDesc(this, model, site);
        int need = racks;
        for (int i = 0; i < blocks.length && need > 0; i++) {
            int b = blocks[i];
            int take = Math.min(need, blockWholeFreeRacks(b));
            held[b] += take;
            heldByModel[model] += take;
            need -= take;
            any = true;
        }
    }

    private int heldIn(int block) {
        return block < held.length ? held[block] : 0;
    }

    // ---- the fleet minus what is held -----------------------------------------------------------------------------

    @Override
    public int blockWholeFreeRacks(int block) {
        return fleet.blockWholeFreeRacks(block) - heldIn(block);
    }

    @Override
    public int firstWholeFree(int block) {
        int r = fleet.firstWholeFree(block);
        for (int skip = heldIn(block); skip > 0 && r >= 0; skip--) {
            r = fleet.nextWholeFree(r);
        }
        return r;
    }

    @Override
    public int nextWholeFree(int rack) {
        return fleet.nextWholeFree(rack);
    }

    @Override
    public int wholeFreeRacks(int model) {
        return fleet.wholeFreeRacks(model) - heldByModel[model];
    }

    @Override
    public long freeUnits(int model) {
        return fleet.freeUnits(model)
                - (long) heldByModel[model] * fleet.model(model).unitsPerDomain();
    }

    @Override
    public Topology topology() {
        return fleet.topology();
    }

    @Override
    public int modelCount() {
        return fleet.modelCount();
    }

    @Override
    public HardwareModel model(int model) {
        return fleet.model(model);
    }

    @Override
    public int modelIndex(String name) {
        return fleet.modelIndex(name);
    }

    @Override
    public int rackCount() {
        return fleet.rackCount();
    }

    @Override
    public int rackBlock(int rack) {
        return fleet.rackBlock(rack);
    }

    @Override
    public int rackModel(int rack) {
        return fleet.rackModel(rack);
    }

    @Override
    public long rackFreeMask(int rack) {
        return fleet.rackFreeMask(rack);
    }

    @Override
    public int rackFreeUnits(int rack) {
        return fleet.rackFreeUnits(rack);
    }

    @Override
    public boolean rackSchedulable(int rack) {
        return fleet.rackSchedulable(rack);
    }

    @Override
    public int firstWithFreeUnits(int model, int freeUnits) {
        return fleet.firstWithFreeUnits(model, freeUnits);
    }

    @Override
    public int nextWithSameFreeUnits(int rack) {
        return fleet.nextWithSameFreeUnits(rack);
    }

    @Override
    public int blockSchedulableRacks(int block) {
        return fleet.blockSchedulableRacks(block);
    }

    @Override
    public int schedulableRacks(int model) {
        return fleet.schedulableRacks(model);
    }
}
