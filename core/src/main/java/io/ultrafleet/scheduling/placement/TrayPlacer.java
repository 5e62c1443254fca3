package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;

/**
 * Best fit of a small job inside one NVLink domain: the rack whose free trays (or hosts) exceed the need by the
 * least, found by walking the free-units buckets upwards from the need: O(unitsPerDomain), never a scan of racks.
 */
final class TrayPlacer {
    private TrayPlacer() {}

    /**
     * The rack with the fewest free units that still holds {@code units}, or -1. When only wholly free racks are
     * left, the one taken is in the block with the fewest wholly free racks, so that large blocks stay whole for
     * gangs.
     */
    static int bestRack(FleetView fleet, int model, int units, FlavorFilter filter) {
        int whole = fleet.model(model).unitsPerDomain();
        var topo = fleet.topology();
        for (int k = units; k < whole; k++) {
            for (int r = fleet.firstWithFreeUnits(model, k); r >= 0; r = fleet.nextWithSameFreeUnits(r)) {
                if (filter == FlavorFilter.ALL || filter.allows(model, topo.blockSite(fleet.rackBlock(r)))) {
                    return r;
                }
            }
        }
        return wholeRackInTightestBlock(fleet, model, filter);
    }

    private static int wholeRackInTightestBlock(FleetView fleet, int model, FlavorFilter filter) {
        if (fleet.wholeFreeRacks(model) <= 0) {
            return -1;
        }
        var topo = fleet.topology();
        int best = -1;
        int bestFree = Integer.MAX_VALUE;
        for (int b = 0; b < topo.blockCount(); b++) {
            if (topo.blockModel(b) != model || !filter.allows(model, topo.blockSite(b))) {
                continue;
            }
            int free = fleet.blockWholeFreeRacks(b);
            if (free > 0 && free < bestFree) {
                best = b;
                bestFree = free;
                if (free == 1) {
                    break;
                }
            }
        }
        return best < 0 ? -1 : fleet.firstWholeFree(best);
    }

    /** The lowest {@code units} free units of the rack. */
    static long takeLowest(long freeMask, int units) {
        long mask = 0;
        long rest = freeMask;
        for (int i = 0; i < units; i++) {
            long bit = Long.lowestOneBit(rest);
            mask |= bit;
            rest &= ~bit;
        }
        return mask;
    }
}
