package io.ultrafleet.server.live;

import java.util.Arrays;

/** Per queue id, the jobs submitted and the runs started since the server started, for the picture and the charts. */
final class QueueTallies {
    private long[] submitted = new long[0];
    private long[] started = new long[0];

    void submitted(int queue) {
        submitted = add(submitted, queue);
    }

    void started(int queue) {
        started = add(started, queue);
    }

    long[] submittedCopy() {
        return submitted.clone();
    }

    long[] startedCopy() {
        return started.clone();
    }

    private static long[] add(long[] counts, int queue) {
        long[] out = queue < counts.length ? counts : Arrays.copyOf(counts, queue + 1);
        out[queue]++;
        return out;
    }
}
