package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * Per model, the blocks that have at least one wholly free rack, as a dense set (array plus position index): add,
 * remove and membership in O(1), and a walk over the members that costs what the members are, not the fleet's
 * blocks. In a full fleet only a few blocks have a free rack, and every waiting gang looks at them in every cycle.
 * Members are in no particular order.
 */
final class BlockSet {
    private int[][] members;
    private final int[] size;
    private int[] position = new int[16];

    BlockSet(int models) {
        members = new int[models][8];
        size = new int[models];
        Arrays.fill(position, -1);
    }

    void add(int model, int block) {
        ensure(block + 1);
        if (position[block] >= 0) {
            return;
        }
        if (size[model] == members[model].length) {
            members[model] = Arrays.copyOf(members[model], size[model] * 2);
        }
        position[block] = size[model];
        members[model][size[model]++] = block;
    }

    void remove(int model, int block) {
        if (block >= position.length || position[block] < 0) {
            return;
        }
        int i = position[block];
        int last = members[model][--size[model]];
        members[model][i] = last;
        position[last] = i;
        position[block] = -1;
    }

    int size(int model) {
        return size[model];
    }

    int get(int model, int i) {
        return members[model][i];
    }

    private void ensure(int blocks) {
        if (blocks > position.length) {
            int old = position.length;
            position = Arrays.copyOf(position, Math.max(blocks, old * 2));
            Arrays.fill(position, old, position.length, -1);
        }
    }
}
