package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.workload.Job;
import java.util.List;

/** What the preemption searches ask of candidate victims: who holds a rack, their order, and the work they would lose. */
final class Victims {
    private Victims() {}

    /** The distinct jobs holding rack {@code r}, into {@code seen}. */
    static void holdersOf(Occupancy occ, int r, int perRack, List<Job> seen) {
        seen.clear();
        Job whole = occ.wholeRackHolder(r);
        if (whole != null) {
            seen.add(whole);
            return;
        }
        Job last = null;
        for (int u = 0; u < perRack; u++) {
            Job h = occ.holder(r, u);
            if (h != null && h != last && !seen.contains(h)) {
                seen.add(h);
            }
            last = h != null ? h : last;
        }
    }

    /** Victim order between two jobs of known rank: negative when {@code a} is stopped first. */
    static int compare(long rankA, Job a, long rankB, Job b) {
        int c = Long.compare(rankA, rankB);
        if (c == 0) {
            c = Integer.compare(a.priority(), b.priority());
        }
        return c != 0 ? c : Long.compare(a.id(), b.id());
    }

    /** Sorts {@code jobs} into victim order: rank (computed once per job), then lower priority, then lower id. */
    static void sortByRank(VictimOrder order, List<Job> jobs, long now) {
        int n = jobs.size();
        long[] rank = new long[n];
        for (int i = 0; i < n; i++) {
            rank[i] = order.rank(jobs.get(i), now);
        }
        int[] idx = victimOrder(jobs, rank);
        Job[] js = jobs.toArray(new Job[0]);
        for (int i = 0; i < n; i++) {
            jobs.set(i, js[idx[i]]);
        }
    }

    /**
     * The indices {@code 0..n-1} of {@code jobs}, whose ranks are {@code rank}, in victim order: a merge sort on
     * primitives, with no boxed index per job.
     */
    static int[] victimOrder(List<Job> jobs, long[] rank) {
        int n = jobs.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int o = lo;
                while (a < mid && b < hi) {
                    int x = idx[a];
                    int y = idx[b];
                    tmp[o++] = compare(rank[y], jobs.get(y), rank[x], jobs.get(x)) < 0 ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    tmp[o++] = idx[a++];
                }
                while (b < hi) {
                    tmp[o++] = idx[b++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
        return idx;
    }

    /**
     * The index of the rack whose last victim is the {@code k}-th in victim order among the racks' last victims
     * (1-based, counting a job once per rack it is last on): a bounded max-heap, O(racks log k).
     */
    static int nthLast(Job[] last, long[] lastRank, int k) {
        java.util.PriorityQueue<Integer> latest =
                new java.util.PriorityQueue<>(k, (a, b) -> compare(lastRank[b], last[b], lastRank[a], last[a]));
        for (int i = 0; i < last.length; i++) {
            if (latest.size() < k) {
                latest.add(i);
            } else if (compare(lastRank[i], last[i], lastRank[latest.peek()], last[latest.peek()]) < 0) {
                latest.poll();
                latest.add(i);
            }
        }
        return latest.peek();
    }
}
