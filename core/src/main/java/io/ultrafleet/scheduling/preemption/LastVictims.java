package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per rack, the holder that a preemption search would stop last (the highest in victim order), its rank, and how many
 * distinct jobs hold the rack. When the order's ranks do not move with time, a rack's summary is kept until its
 * holders change ({@link Occupancy#rackVersion}), so that the searches of a busy fleet read most racks in O(1).
 */
final class LastVictims {
    private final VictimOrder order;
    private Occupancy cachedFor;
    private int[] version = new int[0]; // the rack's holder version + 1 when cached; 0 when not
    private Job[] last = new Job[0];
    private long[] rank = new long[0];
    private int[] holders = new int[0];
    private final List<Job> seen = new ArrayList<>();

    LastVictims(VictimOrder order) {
        this.order = order;
    }

    /** Summarizes rack {@code r} at {@code now}; {@link #last}, {@link #rank} and {@link #holders} then answer. */
    void summarize(long now, Occupancy occ, int r, int perRack) {
        if (occ != cachedFor) {
            cachedFor = occ;
            Arrays.fill(version, 0);
        }
        if (r >= version.length) {
            int n = Math.max(r + 1, version.length * 2);
            version = Arrays.copyOf(version, n);
            last = Arrays.copyOf(last, n);
            rank = Arrays.copyOf(rank, n);
            holders = Arrays.copyOf(holders, n);
        }
        int v = occ.rackVersion(r) + 1;
        if (version[r] == v && !order.rankMovesWithTime()) {
            return;
        }
        Victims.holdersOf(occ, r, perRack, seen);
        Job top = null;
        long topRank = 0;
        for (Job h : seen) {
            long k = order.rank(h, now);
            if (top == null || Victims.compare(k, h, topRank, top) > 0) {
                top = h;
                topRank = k;
            }
        }
        last[r] = top;
        rank[r] = topRank;
        holders[r] = seen.size();
        version[r] = v;
    }

    Job last(int r) {
        return last[r];
    }

    long rank(int r) {
        return rank[r];
    }

    int holders(int r) {
        return holders[r];
    }
}
