package io.ultrafleet.server.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Submissions committed that the leader has not yet taken into its state. With several servers on one database, a
 * submission to any of them is committed with a row here, in the same transaction; the leader reads the inbox, takes
 * the jobs it does not know yet, and removes their rows when it commits its next turn. So no committed submission is
 * left behind by a change of leader, whichever server took it.
 */
public final class Inbox {
    private Inbox() {}

    /** Puts the jobs {@code ids} in the inbox. */
    public static void add(Handle h, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch("INSERT INTO job_inbox (job_id) VALUES (:id)");
        for (long id : ids) {
            b.bind("id", id).add();
        }
        b.execute();
    }

    /** The oldest {@code limit} jobs in the inbox. */
    public static List<Long> peek(Handle h, int limit) {
        return h.createQuery("SELECT job_id FROM job_inbox ORDER BY job_id LIMIT :limit")
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
    }

    /** Takes the jobs {@code ids} out of the inbox. */
    public static void remove(Handle h, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch("DELETE FROM job_inbox WHERE job_id = :id");
        for (long id : ids) {
            b.bind("id", id).add();
        }
        b.execute();
    }
}
