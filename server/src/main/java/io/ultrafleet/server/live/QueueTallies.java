package io.ultrafleet.server.live;

import java.util.Arrays;

/**
 * Per queue id, the jobs submitted and the runs started, for the picture and the charts: counted by the leader from the
 * counts of the latest stored sample on ({@link StoredSamples}), or from none on a new database.
 */
final class QueueTallies {
    private long[] submitted = new long[0];
    private long[] started = new long[0];

    void submitted(int queue) {
        submitted = add(submitted, queue);
    }

    void started(int queue) {
        started = add(started, queue);
    }

    /** Raises the counts to at least {@code submitted} and {@code started} (a new leader going on from a sample). */
    void atLeast(long[] submitted, long[] started) {
        this.submitted = max(this.submitted, submitted);
        this.started = max(this.started, started);
    }

    long[] submittedCopy() {
        return submitted.clone();
    }

    long[] startedCopy() {
        return started.clone();
    }

    private static long[] max(long[] counts, long[] floor) {
        long[] out = Arrays.copyOf(counts, Math.max(counts.length, floor.length));
        for (int q = 0; q < floor.length; q++) {
            out[q] = Math.max(out[q], floor[q]);
        }
        return out;
    }

    private static long[] add(long[] counts, int queue) {
        long[] out = queue < counts.length ? counts : Arrays.copyOf(counts, queue + 1);
        out[queue]++;
        return out;
    }
}
