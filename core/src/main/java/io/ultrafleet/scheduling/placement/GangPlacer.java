package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.workload.TopologyLevel;

/**
 * Whole-rack gangs, topology-aware: inside one block when one block can hold the gang (best fit: the block with the
 * fewest wholly free racks that still suffice), otherwise across the fewest blocks of one site (or of the whole
 * fleet when the required level is {@code any}). Cost: O(blocks of the model), plus a sort of one site's blocks.
 */
final class GangPlacer {
    private GangPlacer() {}

    /** A gang placement of {@code racks} whole racks of {@code model}, or null. */
    static Placement place(
            FleetView fleet,
            int model,
            int racks,
            TopologyLevel required,
            TopologyLevel preferred,
            FlavorFilter filter) {
        Topology topo = fleet.topology();
        int blocks = topo.blockCount();
        // 1. One block, when the preferred or required level is block.
        int best = -1;
        for (int b = 0; b < blocks; b++) {
            if (topo.blockModel(b) != model || !filter.allows(model, topo.blockSite(b))) {
                continue;
            }
            int free = fleet.blockWholeFreeRacks(b);
            if (free >= racks && (best < 0 || free < fleet.blockWholeFreeRacks(best))) {
                best = b;
            }
        }
        if (best >= 0 && preferred == TopologyLevel.BLOCK) {
            return take(fleet, model, new int[] {best}, racks);
        }
        if (required == TopologyLevel.BLOCK) {
            return null;
        }
        // 2. Several blocks: per site (or one group for any), the fewest blocks, then the least left over.
        int groups = required == TopologyLevel.SITE ? topo.siteCount() : 1;
        // One pass for the free racks of each group, so that only groups that can hold the gang are sorted.
        long[] groupFree = new long[groups];
        for (int b = 0; b < blocks; b++) {
            if (topo.blockModel(b) == model && filter.allows(model, topo.blockSite(b))) {
                groupFree[groups == 1 ? 0 : topo.blockSite(b)] += fleet.blockWholeFreeRacks(b);
            }
        }
        int bestGroup = -1;
        int bestBlocks = Integer.MAX_VALUE;
        long bestLeft = Long.MAX_VALUE;
        int[] chosen = null;
        for (int g = 0; g < groups; g++) {
            if (groupFree[g] < racks) {
                continue;
            }
            int[] sorted = blocksByFreeDesc(fleet, model, required == TopologyLevel.SITE ? g : -1, filter);
            int need = racks;
            int used = 0;
            long total = 0;
            for (int b : sorted) {
                total += fleet.blockWholeFreeRacks(b);
            }
            if (total < racks) {
                continue;
            }
            while (need > 0) {
                need -= fleet.blockWholeFreeRacks(sorted[used++]);
            }
            long left = total - racks;
            if (used < bestBlocks || (used == bestBlocks && left < bestLeft)) {
                bestGroup = g;
                bestBlocks = used;
                bestLeft = left;
                chosen = java.util.Arrays.copyOf(sorted, used);
            }
        }
        return bestGroup < 0 ? null : take(fleet, model, chosen, racks);
    }

    /** Blocks of the model with a wholly free rack, in {@code site} (or anywhere for -1), most free first. */
    static int[] blocksByFreeDesc(FleetView fleet, int model, int site) {
        return blocksByFreeDesc(fleet, model, site, FlavorFilter.ALL);
    }

    /** As {@link #blocksByFreeDesc(FleetView, int, int)}, only in sites the filter allows. */
    static int[] blocksByFreeDesc(FleetView fleet, int model, int site, FlavorFilter filter) {
        Topology topo = fleet.topology();
        int n = 0;
        // Sort keys: most wholly free racks first, then lower block id, packed into one long (no boxing).
        long[] keys = new long[topo.blockCount()];
        for (int b = 0; b < topo.blockCount(); b++) {
            int free = fleet.blockWholeFreeRacks(b);
            if (free > 0
                    && topo.blockModel(b) == model
                    && (site < 0 || topo.blockSite(b) == site)
                    && filter.allows(model, topo.blockSite(b))) {
                keys[n++] = ((long) (Integer.MAX_VALUE - free) << 32) | b;
            }
        }
        java.util.Arrays.sort(keys, 0, n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    private static Placement take(FleetView fleet, int model, int[] blocks, int racks) {
        int[] ids = new int[racks];
        long[] masks = new long[racks];
        long full = fullMask(fleet.model(model).unitsPerDomain());
        int n = 0;
        for (int b : blocks) {
            for (int r = fleet.firstWholeFree(b); r >= 0 && n < racks; r = fleet.nextWholeFree(r)) {
                ids[n] = r;
                masks[n] = full;
                n++;
            }
        }
        if (n != racks) {
            throw new IllegalStateException("free-rack index out of step: wanted " + racks + ", found " + n);
        }
        return new Placement(model, ids, masks, racks * fleet.model(model).gpusPerDomain(), blocks.length);
    }

    static long fullMask(int units) {
        return units == 64 ? -1L : (1L << units) - 1;
    }

    /** Racks of the model that could hold the gang at the required level if all were free. */
    static boolean couldEverFit(FleetView fleet, int model, int racks, TopologyLevel required) {
        Topology topo = fleet.topology();
        if (required == TopologyLevel.ANY) {
            return fleet.schedulableRacks(model) >= racks;
        }
        long[] perGroup = new long[required == TopologyLevel.SITE ? topo.siteCount() : topo.blockCount()];
        for (int b = 0; b < topo.blockCount(); b++) {
            if (topo.blockModel(b) == model) {
                int g = required == TopologyLevel.SITE ? topo.blockSite(b) : b;
                perGroup[g] += fleet.blockSchedulableRacks(b);
                if (perGroup[g] >= racks) {
                    return true;
                }
            }
        }
        return false;
    }
}
