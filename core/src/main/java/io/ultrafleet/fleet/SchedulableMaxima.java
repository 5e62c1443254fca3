package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * Per model, the most schedulable racks in one block and in one site: whether a gang could ever fit at its level,
 * asked by every waiting gang in every scheduling cycle, in O(1). Recomputed in O(blocks) only after the set of
 * schedulable racks changed (racks joining or leaving, not jobs starting or ending).
 */
final class SchedulableMaxima {
    private final int[] inBlock;
    private final int[] inSite;
    private boolean stale = true;

    SchedulableMaxima(int models) {
        inBlock = new int[models];
        inSite = new int[models];
    }

    /** The set of schedulable racks changed. */
    void invalidate() {
        stale = true;
    }

    int inBlock(FleetView fleet, int model) {
        refresh(fleet);
        return inBlock[model];
    }

    int inSite(FleetView fleet, int model) {
        refresh(fleet);
        return inSite[model];
    }

    private void refresh(FleetView fleet) {
        if (!stale) {
            return;
        }
        Topology topo = fleet.topology();
        Arrays.fill(inBlock, 0);
        Arrays.fill(inSite, 0);
        int[] perSite = new int[topo.siteCount() * inBlock.length];
        for (int b = 0; b < topo.blockCount(); b++) {
            int m = topo.blockModel(b);
            int racks = fleet.blockSchedulableRacks(b);
            inBlock[m] = Math.max(inBlock[m], racks);
            int i = topo.blockSite(b) * inBlock.length + m;
            perSite[i] += racks;
            inSite[m] = Math.max(inSite[m], perSite[i]);
        }
        stale = false;
    }
}
