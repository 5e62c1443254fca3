package io.ultrafleet.twin.forecast;

import io.ultrafleet.forecast.LiveSnapshot;
import java.util.Arrays;

/**
 * What one replication saw, in the scheduler's time: when each queued job of the snapshot first started and when each
 * running one ended ({@link #LATER}: not within the horizon), and, when bands were asked for, the GPUs allocated and
 * each queue's length at every band point.
 */
final class Outcome {
    /** Not within the horizon. */
    static final long LATER = Long.MAX_VALUE;

    /** Per job of {@link LiveSnapshot#pending()}, its first start. */
    final long[] starts;
    /** Per job of {@link LiveSnapshot#running()}, its end. */
    final long[] ends;
    /** Per band point, the GPUs allocated; empty without bands. */
    final long[] allocated;
    /** Per band point, per queue, the jobs waiting; empty without bands. */
    final int[][] queueLength;

    Outcome(int queued, int running, int points) {
        starts = new long[queued];
        ends = new long[running];
        Arrays.fill(starts, LATER);
        Arrays.fill(ends, LATER);
        allocated = new long[points];
        queueLength = new int[points][];
    }
}
