package io.ultrafleet.twin.forecast;

import io.ultrafleet.workload.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How the window's submissions came in batches: for each submission, how many jobs of each queue were submitted in
 * the same millisecond after it (a service adding replicas, a sweep of runs, and another service's replicas at the same
 * step). A snapshot taken at a submission has only the jobs submitted up to it; a replication draws what follows it
 * from one submission of the same queue in the window, all queues at once, so that batches that come together (the
 * replicas of two services at one autoscaler step) are drawn together.
 */
final class Batches {
    static final Batches NONE = new Batches(new int[0], new ArrayList<>());

    /** Per queue, its submissions in the window (before the last instant, whose batch may not be whole yet). */
    private final int[] submissions;
    /** Per queue, the follower counts of those of its submissions that had followers: pairs of queue and count. */
    private final List<List<int[]>> followed;

    private Batches(int[] submissions, List<List<int[]>> followed) {
        this.submissions = submissions;
        this.followed = followed;
    }

    /** The batches of {@code past}, in submission order, for {@code queues} queues. */
    static Batches of(JobRequest[] past, int queues) {
        int[] submissions = new int[queues];
        List<List<int[]>> followed = new ArrayList<>(queues);
        for (int q = 0; q < queues; q++) {
            followed.add(new ArrayList<>());
        }
        long last = past.length == 0 ? Long.MIN_VALUE : past[past.length - 1].submitMs();
        // past is in submission order: walk each instant's group from its end, counting what follows each job
        TreeMap<Integer, Integer> after = new TreeMap<>();
        for (int end = past.length; end > 0; ) {
            long at = past[end - 1].submitMs();
            int first = end;
            while (first > 0 && past[first - 1].submitMs() == at) {
                first--;
            }
            after.clear();
            for (int i = end - 1; i >= first; i--) {
                int q = past[i].queue();
                if (at != last) {
                    submissions[q]++;
                    if (!after.isEmpty()) {
                        int[] pairs = new int[2 * after.size()];
                        int k = 0;
                        for (var e : after.entrySet()) {
                            pairs[k++] = e.getKey();
                            pairs[k++] = e.getValue();
                        }
                        followed.get(q).add(pairs);
                    }
                }
                after.merge(q, 1, Integer::sum);
            }
            end = first;
        }
        return new Batches(submissions, followed);
    }

    /** The most jobs {@link #draw} can give at once: the largest number of followers of one submission. */
    int mostFollowers() {
        int most = 0;
        for (List<int[]> f : followed) {
            for (int[] pairs : f) {
                int n = 0;
                for (int k = 1; k < pairs.length; k += 2) {
                    n += pairs[k];
                }
                most = Math.max(most, n);
            }
        }
        return most;
    }

    /**
     * What follows, in the same millisecond, a job of queue {@code q} just submitted: pairs of queue and count (in
     * queue order), drawn from one of the window's submissions of {@code q}; empty when the window has none, or when
     * the one drawn had no followers.
     */
    int[] draw(int q, SplittableRandom random) {
        if (q >= submissions.length || submissions[q] == 0) {
            return new int[0];
        }
        // the submissions without followers are not stored: they are the draws past the end of the list
        int r = random.nextInt(submissions[q]);
        List<int[]> f = followed.get(q);
        return r < f.size() ? f.get(r) : new int[0];
    }
}
