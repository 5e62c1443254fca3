package io.ultrafleet.server.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** Samples of the live fleet for the dashboard's charts, one a minute of the server's clock, kept for a while. */
public final class FleetSamples {
    /** A sample stored at the server's time {@code at}; its body is the JSON its writer made. */
    public record Row(long at, String body) {}

    private FleetSamples() {}

    /** Adds the sample taken at {@code at}, and forgets those taken before {@code keepFrom}. */
    public static void add(Handle h, long at, String body, long keepFrom) {
        h.createUpdate("INSERT INTO fleet_samples (at, body) VALUES (:at, :body)")
                .bind("at", at)
                .bind("body", body)
                .execute();
        h.createUpdate("DELETE FROM fleet_samples WHERE at < :from")
                .bind("from", keepFrom)
                .execute();
    }

    /** The samples taken after the server's time {@code after}, oldest first, at most {@code limit}. */
    public static List<Row> after(Handle h, long after, int limit) {
        return h.createQuery("SELECT at, body FROM fleet_samples WHERE at > :after ORDER BY at LIMIT :limit")
                .bind("after", after)
                .bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getLong("at"), rs.getString("body")))
                .list();
    }
}
