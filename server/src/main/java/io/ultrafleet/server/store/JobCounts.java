package io.ultrafleet.server.store;

import java.util.Arrays;
import org.jdbi.v3.core.Handle;

/**
 * Per queue id, how many jobs were submitted, and how many runs that have ended had started, after a time of the
 * server's clock: what a leader counted after the last counts it stored, for the next leader to go on from.
 */
public final class JobCounts {
    private JobCounts() {}

    /** Counts per queue id (index), as long as the highest queue id counted, plus one. */
    public record Since(long[] submitted, long[] endedRunsStarted) {}

    public static Since after(Handle h, long at) {
        return new Since(
                perQueue(h, "SELECT queue_id, COUNT(*) FROM jobs WHERE submitted_at > :at GROUP BY queue_id", at),
                // a job's row holds its last run's start: an ended job counts one run, whichever it ran after
                perQueue(
                        h,
                        "SELECT queue_id, COUNT(*) FROM jobs WHERE ended_at > :at AND started_at > :at"
                                + " GROUP BY queue_id",
                        at));
    }

    private static long[] perQueue(Handle h, String sql, long at) {
        long[][] out = {new long[0]};
        h.createQuery(sql)
                .bind("at", at)
                .map((rs, ctx) -> new long[] {rs.getInt(1), rs.getLong(2)})
                .forEach(r -> {
                    int q = (int) r[0];
                    if (q >= out[0].length) {
                        out[0] = Arrays.copyOf(out[0], q + 1);
                    }
                    out[0][q] = r[1];
                });
        return out[0];
    }
}
