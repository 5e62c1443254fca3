package io.ultrafleet.fleet;

import java.util.Arrays;

/**
 * Doubly linked lists of racks, threaded through two arrays indexed by rack, so that a rack joins or leaves a list in
 * O(1) without allocation. The heads live with the caller, one per list key (a model's free-tray count, or a block);
 * a rack is in at most one list of a {@code RackLists} at a time.
 */
final class RackLists {
    /** No rack: the end of a list, or an empty head. */
    static final int NONE = -1;

    private int[] prev = new int[64];
    private int[] next = new int[64];

    /** Makes room for racks {@code 0..n-1}. */
    void ensure(int n) {
        if (n > next.length) {
            int c = Math.max(n, next.length * 2);
            prev = Arrays.copyOf(prev, c);
            next = Arrays.copyOf(next, c);
        }
    }

    /** Puts rack {@code r} first in the list headed by {@code heads[key]}. */
    void push(int[] heads, int key, int r) {
        int h = heads[key];
        prev[r] = NONE;
        next[r] = h;
        if (h != NONE) {
            prev[h] = r;
        }
        heads[key] = r;
    }

    /** Takes rack {@code r} out of the list headed by {@code heads[key]}, where it must be. */
    void remove(int[] heads, int key, int r) {
        int p = prev[r];
        int n = next[r];
        if (p != NONE) {
            next[p] = n;
        } else {
            heads[key] = n;
        }
        if (n != NONE) {
            prev[n] = p;
        }
    }

    /** The rack after {@code r} in its list, or {@link #NONE}. */
    int next(int r) {
        return next[r];
    }
}
