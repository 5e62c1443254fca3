package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preemption search for several racks in one group (a block, a site or the fleet): victims in victim order until
 * enough racks are wholly free, then those not needed dropped, latest first. Only the victims up to where the walk
 * will stop are gathered and ordered, found from each rack's last victim ({@link LastVictims}).
 */
final class GroupSearch {
    private final VictimOrder order;
    private final LastVictims lastVictims;
    private final Costing costing;

    /** Makes the preemption of a set of victims: the work they lose and their cost. */
    interface Costing {
        Preemption of(List<Job> victims, long now);
    }

    GroupSearch(VictimOrder order, LastVictims lastVictims, Costing costing) {
        this.order = order;
        this.lastVictims = lastVictims;
        this.costing = costing;
    }

    /**
     * Victims in one group, in victim order, until {@code racks} racks of the group are wholly free (counting the
     * {@code wholeFree} already free); then the victims not needed after all are dropped, latest first. {@code
     * groupRacks[from..to)} are the group's freeable racks; {@code blockers} and {@code left} are scratch per rack.
     */
    Preemption greedy(
            long now,
            Occupancy occ,
            int perRack,
            int[] groupRacks,
            int from,
            int to,
            int racks,
            int wholeFree,
            int[] blockers,
            int[] left) {
        // Racks come free in the order of their last victim: the walk below stops at the last victim of the
        // (racks - wholeFree)-th rack to come free, so only the victims up to that one are gathered and sorted.
        int n = to - from;
        Job[] last = new Job[n];
        long[] lastRank = new long[n];
        List<Job> seen = new ArrayList<>(perRack);
        for (int i = 0; i < n; i++) {
            int r = groupRacks[from + i];
            lastVictims.summarize(now, occ, r, perRack);
            blockers[r] = lastVictims.holders(r);
            last[i] = lastVictims.last(r);
            lastRank[i] = lastVictims.rank(r);
        }
        int stopAt = Victims.nthLast(last, lastRank, racks - wholeFree);
        Job stopJob = last[stopAt];
        long stopRank = lastRank[stopAt];
        // Each candidate's racks, as flat (candidate, rack) pairs, then grouped by candidate in victim order. Only a
        // job on several racks can be met twice: a job on one rack needs no lookup.
        Map<Job, Integer> index = new IdentityHashMap<>();
        List<Job> candidates = new ArrayList<>();
        long[] rank = new long[16];
        int pairs = 0;
        int[] pairJob = new int[n * Math.min(perRack, 4) + 8];
        int[] pairRack = new int[pairJob.length];
        Job previous = null; // a job holding several racks in a row (a gang) is looked up once
        int previousK = -1;
        for (int i = 0; i < n; i++) {
            int r = groupRacks[from + i];
            Victims.holdersOf(occ, r, perRack, seen);
            for (Job h : seen) {
                long hRank = order.rank(h, now);
                if (Victims.compare(hRank, h, stopRank, stopJob) > 0) {
                    continue;
                }
                int k;
                if (h == previous) {
                    k = previousK;
                } else {
                    boolean spread = h.racks().length > 1;
                    Integer known = spread ? index.get(h) : null;
                    if (known != null) {
                        k = known;
                    } else {
                        k = candidates.size();
                        if (spread) {
                            index.put(h, k);
                        }
                        candidates.add(h);
                        if (k == rank.length) {
                            rank = java.util.Arrays.copyOf(rank, k * 2);
                        }
                        rank[k] = hRank;
                    }
                }
                previous = h;
                previousK = k;
                if (pairs == pairJob.length) {
                    pairJob = java.util.Arrays.copyOf(pairJob, pairs * 2);
                    pairRack = java.util.Arrays.copyOf(pairRack, pairs * 2);
                }
                pairJob[pairs] = k;
                pairRack[pairs++] = r;
            }
        }
        int[] byOrder = Victims.victimOrder(candidates, rank); // byOrder[j]: the j-th candidate in victim order
        int c = candidates.size();
        int[] start = new int[c + 1]; // candidate (in victim order) j's racks: racksOf[start[j] .. start[j + 1])
        int[] position = new int[c];
        for (int j = 0; j < c; j++) {
            position[byOrder[j]] = j;
        }
        for (int p = 0; p < pairs; p++) {
            start[position[pairJob[p]] + 1]++;
        }
        for (int j = 0; j < c; j++) {
            start[j + 1] += start[j];
        }
        int[] racksOf = new int[pairs];
        int[] fill = java.util.Arrays.copyOf(start, c);
        for (int p = 0; p < pairs; p++) {
            racksOf[fill[position[pairJob[p]]]++] = pairRack[p];
        }
        int chosen = 0; // candidates 0 .. chosen-1 are taken, less those dropped below
        boolean[] dropped = new boolean[c];
        List<Integer> touched = new ArrayList<>();
        int freed = wholeFree;
        while (chosen < c && freed < racks) {
            for (int k = start[chosen]; k < start[chosen + 1]; k++) {
                int r = racksOf[k];
                if (left[r] == 0) {
                    left[r] = blockers[r];
                    touched.add(r);
                }
                if (--left[r] == 0) {
                    freed++;
                }
            }
            chosen++;
        }
        boolean enough = freed >= racks;
        // Drop victims not needed after all, latest first.
        if (enough) {
            for (int j = chosen - 1; j >= 0; j--) {
                int lose = 0;
                for (int k = start[j]; k < start[j + 1]; k++) {
                    if (left[racksOf[k]] == 0) {
                        lose++;
                    }
                }
                if (freed - lose >= racks) {
                    for (int k = start[j]; k < start[j + 1]; k++) {
                        left[racksOf[k]]++;
                    }
                    freed -= lose;
                    dropped[j] = true;
                }
            }
        }
        // Reset the scratch counts for the next group.
        for (int r : touched) {
            left[r] = 0;
        }
        if (!enough) {
            return null;
        }
        List<Job> victims = new ArrayList<>();
        for (int j = 0; j < chosen; j++) {
            if (!dropped[j]) {
                victims.add(candidates.get(byOrder[j]));
            }
        }
        return costing.of(victims, now);
    }
}
