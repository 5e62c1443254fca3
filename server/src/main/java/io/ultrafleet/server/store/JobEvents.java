package io.ultrafleet.server.store;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Every decision about a job, in order, as {@code simulate --explain} words them. */
public final class JobEvents {
    /** One line of a job's history. */
    public record Event(int seq, long at, String text) {}

    /** A line to add to the history of job {@code jobId}, as its {@code seq}-th. */
    public record NewEvent(long jobId, int seq, long at, String text) {}

    private JobEvents() {}

    /** Appends events to jobs' histories. */
    public static void append(Handle h, List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        PreparedBatch b =
                h.prepareBatch("INSERT INTO job_events (job_id, seq, at, text) VALUES (:job, :seq, :at, :text)");
        for (NewEvent e : events) {
            b.bind("job", e.jobId())
                    .bind("seq", e.seq())
                    .bind("at", e.at())
                    .bind("text", e.text())
                    .add();
        }
        b.execute();
    }

    /**
     * Per queued or running job with events, the next sequence number of its history (a server rebuilding its state).
     * A join, not {@code job_id IN (SELECT ...)}: H2 fails on an {@code IN} subquery of more rows than it keeps in
     * memory (40,000), so a server with more live jobs than that could not start again.
     */
    public static Map<Long, Integer> nextSeqs(Handle h) {
        Map<Long, Integer> out = new java.util.HashMap<>();
        h.createQuery("SELECT e.job_id, MAX(e.seq) + 1 FROM jobs j JOIN job_events e ON e.job_id = j.id"
                        + " WHERE j.state IN ('queued', 'running') GROUP BY e.job_id")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getInt(2)})
                .forEach(r -> out.put(r[0], (int) r[1]));
        return out;
    }

    public static List<Event> of(Handle h, long jobId, int afterSeq, int limit) {
        return h.createQuery("SELECT seq, at, text FROM job_events WHERE job_id = :job AND seq > :after ORDER BY seq"
                        + " LIMIT :limit")
                .bind("job", jobId)
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> new Event(rs.getInt(1), rs.getLong(2), rs.getString(3)))
                .list();
    }
}
