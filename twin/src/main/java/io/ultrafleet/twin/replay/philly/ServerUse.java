package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.scheduling.placement.Placement;

/**
 * Which servers run at least one job: per server (the core's rack id) its GPUs in use, and how many servers have
 * any. This is what the real series counts as active.
 */
final class ServerUse {
    private int[] busy = new int[64];
    private int active;

    void take(Placement p) {
        for (int i = 0; i < p.racks().length; i++) {
            add(p.racks()[i], Long.bitCount(p.unitMasks()[i]));
        }
    }

    void release(Placement p) {
        for (int i = 0; i < p.racks().length; i++) {
            add(p.racks()[i], -Long.bitCount(p.unitMasks()[i]));
        }
    }

    private void add(int server, int units) {
        if (server >= busy.length) {
            busy = java.util.Arrays.copyOf(busy, Math.max(server + 1, busy.length * 2));
        }
        int before = busy[server];
        busy[server] += units;
        if (busy[server] < 0) {
            throw new IllegalStateException("server " + server + " released more GPUs than it held");
        }
        if (before == 0 && busy[server] > 0) {
            active++;
        } else if (before > 0 && busy[server] == 0) {
            active--;
        }
    }

    /** Servers running at least one job now. */
    int active() {
        return active;
    }
}
