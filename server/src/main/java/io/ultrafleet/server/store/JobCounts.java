package io.ultrafleet.server.store;

import java.util.List;
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
        List<long[]> rows = h.createQuery(sql)
                .bind("at", at)
                .map((rs, ctx) -> new long[] {rs.getInt(1), rs.getLong(2)})
                .list();
        long[] out = new long[rows.stream().mapToInt(r -> (int) r[0] + 1).max().orElse(0)];
        for (long[] r : rows) {
            out[(int) r[0]] = r[1];
        }
        return out;
    }
}
