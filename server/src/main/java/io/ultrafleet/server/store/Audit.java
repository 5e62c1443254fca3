package io.ultrafleet.server.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The audit log: who did what and when. Admin actions, token changes, cancellations, drains and changes of leader
 * each add one entry, in the transaction that makes the change, so an entry exists exactly when the change does.
 */
public final class Audit {
    /** One entry: its number, the server's time and the wall-clock time of the change, who, what, on what, and how. */
    public record Entry(long id, long at, long wallAt, String actor, String action, String target, String detail) {}

    /** The longest detail kept; a longer one is cut, and says so. */
    static final int MAX_DETAIL = 2_000;

    private Audit() {}

    /** Adds an entry, in the transaction of {@code h}. */
    public static void record(Handle h, long at, String actor, String action, String target, String detail) {
        h.createUpdate("UPDATE counters SET val = val + 1 WHERE name = 'audit_id'")
                .execute();
        long id = h.createQuery("SELECT val FROM counters WHERE name = 'audit_id'")
                .mapTo(Long.class)
                .one();
        h.createUpdate("INSERT INTO audit (id, at, wall_at, actor, action, target, detail) VALUES (:id, :at, :wall,"
                        + " :actor, :action, :target, :detail)")
                .bind("id", id)
                .bind("at", at)
                .bind("wall", System.currentTimeMillis())
                .bind("actor", cut(actor, 200))
                .bind("action", action)
                .bind("target", target == null ? null : cut(target, 400))
                .bind("detail", detail == null ? null : cut(detail, MAX_DETAIL))
                .execute();
    }

    /**
     * Entries after {@code afterId}, oldest first, at most {@code limit}; only {@code action}'s when not null. Newest
     * first when {@code newest}: then the entries before {@code afterId}.
     */
    public static List<Entry> page(Handle h, long afterId, String action, int limit, boolean newest) {
        return h.createQuery("SELECT id, at, wall_at, actor, action, target, detail FROM audit WHERE id "
                        + (newest ? "<" : ">") + " :after"
                        + (action == null ? "" : " AND action = :action")
                        + " ORDER BY id" + (newest ? " DESC" : "") + " LIMIT :limit")
                .bind("after", afterId)
                .bind("action", action)
                .bind("limit", limit)
                .map((rs, ctx) -> new Entry(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 12) + " ... (cut)";
    }
}
