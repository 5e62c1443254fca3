package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
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
        boolean perSite = required == TopologyLevel.SITE;
        long[] groupFree = new long[perSite ? fleet.topology().siteCount() : 1];
        // 1. One block, when the preferred or required level is block; on the way, the free racks of each group.
        int one = oneBlock(fleet, model, racks, required, preferred, filter, groupFree);
        if (one >= 0) {
            return take(fleet, model, new int[] {one}, racks);
        }
        if (one == NOWHERE) {
            return null;
        }
        // 2. Several blocks: per site (or one group for any), the fewest blocks, then the least left over. Only groups
        //    with enough free racks in all are sorted.
        int bestGroup = -1;
        int bestBlocks = Integer.MAX_VALUE;
        long bestLeft = Long.MAX_VALUE;
        int[] chosen = null;
        for (int g = 0; g < groupFree.length; g++) {
            long total = groupFree[g];
            if (total < racks) {
                continue;
            }
            int[] sorted = blocksByFreeDesc(fleet, model, perSite ? g : -1, filter);
            int need = racks;
            int used = 0;
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

    /**
     * Whether {@link #place} would find a placement, without building it: for asking whether a gang would fit the
     * fleet were nothing held.
     */
    static boolean fits(
            FleetView fleet,
            int model,
            int racks,
            TopologyLevel required,
            TopologyLevel preferred,
            FlavorFilter filter) {
        long[] groupFree =
                new long[required == TopologyLevel.SITE ? fleet.topology().siteCount() : 1];
        int one = oneBlock(fleet, model, racks, required, preferred, filter, groupFree);
        if (one != ACROSS_BLOCKS) {
            return one >= 0;
        }
        for (long free : groupFree) {
            if (free >= racks) {
                return true;
            }
        }
        return false;
    }

    /** {@link #oneBlock}: no placement at the required level. */
    private static final int NOWHERE = -1;

    /** {@link #oneBlock}: no single block is the answer; look across the blocks of a group. */
    private static final int ACROSS_BLOCKS = -2;

    /**
     * The first step of a gang placement: the one block to take when the gang prefers a block and one holds it, else
     * {@link #NOWHERE} when the gang must stay in one block, else {@link #ACROSS_BLOCKS}. Adds each allowed block's
     * wholly free racks to {@code groupFree} (per site for the site level, else all in one) on the way.
     */
    private static int oneBlock(
            FleetView fleet,
            int model,
            int racks,
            TopologyLevel required,
            TopologyLevel preferred,
            FlavorFilter filter,
            long[] groupFree) {
        int best = bestBlock(fleet, model, racks, filter, groupFree, required == TopologyLevel.SITE);
        if (best >= 0 && preferred == TopologyLevel.BLOCK) {
            return best;
        }
        return required == TopologyLevel.BLOCK ? NOWHERE : ACROSS_BLOCKS;
    }

    /**
     * The block that holds {@code racks} with the fewest wholly free racks to spare (the lowest id among equals), or
     * -1; adds each allowed block's wholly free racks to {@code groupFree} (per site, or all in one).
     */
    private static int bestBlock(
            FleetView fleet, int model, int racks, FlavorFilter filter, long[] groupFree, boolean perSite) {
        Topology topo = fleet.topology();
        int best = -1;
        int bestFree = 0;
        for (int i = 0; i < fleet.blocksWithWholeFree(model); i++) {
            int b = fleet.blockWithWholeFree(model, i);
            int site = topo.blockSite(b);
            int free = fleet.blockWholeFreeRacks(b);
            if (free == 0 || !filter.allows(model, site)) {
                continue;
            }
            groupFree[perSite ? site : 0] += free;
            if (free >= racks && (best < 0 || free < bestFree || (free == bestFree && b < best))) {
                best = b;
                bestFree = free;
            }
        }
        return best;
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
        long[] keys = new long[fleet.blocksWithWholeFree(model)];
        for (int i = 0; i < keys.length; i++) {
            int b = fleet.blockWithWholeFree(model, i);
            int free = fleet.blockWholeFreeRacks(b);
            if (free > 0 && (site < 0 || topo.blockSite(b) == site) && filter.allows(model, topo.blockSite(b))) {
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
        long full = HardwareModel.fullMask(fleet.model(model).unitsPerDomain());
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

    /**
     * Whether the wholly free racks of the model could hold the gang at the required level as far as the per-site
     * counts tell: false means no placement, in O(sites) instead of a walk over blocks. For the block level this only
     * asks that some allowed site have enough.
     */
    static boolean enoughFree(FleetView fleet, int model, int racks, TopologyLevel required, FlavorFilter filter) {
        if (fleet.wholeFreeRacks(model) < racks) {
            return false;
        }
        if (required == TopologyLevel.ANY) {
            return true;
        }
        for (int s = 0; s < fleet.topology().siteCount(); s++) {
            if (filter.allows(model, s) && fleet.siteWholeFreeRacks(s, model) >= racks) {
                return true;
            }
        }
        return false;
    }

    /** Racks of the model that could hold the gang at the required level if all were free. */
    static boolean couldEverFit(FleetView fleet, int model, int racks, TopologyLevel required) {
        return switch (required) {
            case ANY -> fleet.schedulableRacks(model) >= racks;
            case SITE -> fleet.largestSiteSchedulable(model) >= racks;
            case BLOCK -> fleet.largestBlockSchedulable(model) >= racks;
        };
    }
}
