package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * Per block: every rack it has had, in service or not (a singly linked list, so that a search limited to some blocks
 * reads their racks and no others), how many are in service, and a count of changes to its racks' service. Racks
 * only join (a rack that leaves service keeps its id and its block).
 */
final class BlockRacks {
    private static final int NONE = RackLists.NONE;

    private int[] first = new int[16];
    private int[] next = new int[64];
    private int[] schedulable = new int[16];
    private int[] serviceVersion = new int[16];

    BlockRacks() {
        Arrays.fill(first, NONE);
    }

    /** Rack {@code rack} joined {@code block}, in service. */
    void add(int rack, int block) {
        if (block >= first.length) {
            int old = first.length;
            int n = Math.max(block + 1, old * 2);
            first = Arrays.copyOf(first, n);
            Arrays.fill(first, old, n, NONE);
            schedulable = Arrays.copyOf(schedulable, n);
            serviceVersion = Arrays.copyOf(serviceVersion, n);
        }
        if (rack >= next.length) {
            next = Arrays.copyOf(next, Math.max(rack + 1, next.length * 2));
        }
        next[rack] = first[block];
        first[block] = rack;
        schedulable[block]++;
        serviceVersion[block]++;
    }

    /** A rack of {@code block} stopped taking work (it drains). */
    void leftService(int block) {
        schedulable[block]--;
        serviceVersion[block]++;
    }

    /** Units of a rack of {@code block} were taken down or brought up. */
    void unitsChanged(int block) {
        serviceVersion[block]++;
    }

    int first(int block) {
        return block < first.length ? first[block] : NONE;
    }

    int next(int rack) {
        return next[rack];
    }

    int schedulable(int block) {
        return block < schedulable.length ? schedulable[block] : 0;
    }

    int serviceVersion(int block) {
        return block < serviceVersion.length ? serviceVersion[block] : 0;
    }
}
