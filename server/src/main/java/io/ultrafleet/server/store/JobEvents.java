package io.ultrafleet.server.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Every decision about a job, in order, as {@code simulate --explain} words them. */
public final class JobEvents {
    /** One line of a job's history. */
    public record Event(int seq, long at, String text) {}

    /**
     * A line to add to the history of job {@code jobId}, as its {@code seq}-th; {@link #NEXT} to number it after the
     * last line the database holds (a job read back from the database, whose lines this server did not count).
     */
    public record NewEvent(long jobId, int seq, long at, String text) {}

    /** The number of a line that comes after the job's last one in the database (lines are numbered from 1). */
    public static final int NEXT = -1;

    private JobEvents() {}

    /**
     * Appends events to jobs' histories, each job's in the order given. All of one job's events are numbered by the
     * caller, or all {@link #NEXT}.
     */
    public static void append(Handle h, List<NewEvent> events) {
        PreparedBatch numbered = null;
        PreparedBatch next = null;
        for (NewEvent e : events) {
            PreparedBatch b;
            if (e.seq() == NEXT) {
                if (next == null) {
                    next = h.prepareBatch(
                            "INSERT INTO job_events (job_id, seq, at, text)"
                                    + " SELECT :job, COALESCE(MAX(seq), 0) + 1, :at, :text FROM job_events WHERE job_id = :job");
                }
                b = next;
            } else {
                if (numbered == null) {
                    numbered = h.prepareBatch(
                            "INSERT INTO job_events (job_id, seq, at, text) VALUES (:job, :seq, :at, :text)");
                }
                b = numbered.bind("seq", e.seq());
            }
            b.bind("job", e.jobId()).bind("at", e.at()).bind("text", e.text()).add();
        }
        if (numbered != null) {
            numbered.execute();
        }
        if (next != null) {
            next.execute();
        }
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
