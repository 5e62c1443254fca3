package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * Every rack each block has had, in service or not: a singly linked list per block, so that a search limited to some
 * blocks reads their racks and no others. Racks only join (a rack that leaves service keeps its id and its block).
 */
final class BlockRacks {
    private static final int NONE = RackLists.NONE;

    private int[] first = new int[16];
    private int[] next = new int[64];

    BlockRacks() {
        Arrays.fill(first, NONE);
    }

    /** Rack {@code rack} joined {@code block}. */
    void add(int rack, int block) {
        if (block >= first.length) {
            int old = first.length;
            first = Arrays.copyOf(first, Math.max(block + 1, old * 2));
            Arrays.fill(first, old, first.length, NONE);
        }
        if (rack >= next.length) {
            next = Arrays.copyOf(next, Math.max(rack + 1, next.length * 2));
        }
        next[rack] = first[block];
        first[block] = rack;
    }

    int first(int block) {
        return block < first.length ? first[block] : NONE;
    }

    int next(int rack) {
        return next[rack];
    }
}
