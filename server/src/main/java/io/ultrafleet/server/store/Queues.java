package io.ultrafleet.server.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The tenants and queues tables. */
public final class Queues {
    private Queues() {}

    public static List<QueueRow> all(Handle h) {
        return h.createQuery(
                        "SELECT id, tenant, name, priority_class, cohort, weight, settings FROM queues ORDER BY id")
                .map((rs, ctx) -> new QueueRow(
                        rs.getInt("id"),
                        rs.getString("tenant"),
                        rs.getString("name"),
                        rs.getString("priority_class"),
                        rs.getString("cohort"),
                        rs.getDouble("weight"),
                        rs.getString("settings")))
                .list();
    }

    /** Adds the tenant unless it exists. */
    public static void ensureTenant(Handle h, String tenant, long at) {
        int n = h.createQuery("SELECT COUNT(*) FROM tenants WHERE name = :name")
                .bind("name", tenant)
                .mapTo(Integer.class)
                .one();
        if (n == 0) {
            h.createUpdate("INSERT INTO tenants (name, created_at) VALUES (:name, :at)")
                    .bind("name", tenant)
                    .bind("at", at)
                    .execute();
        }
    }

    public static boolean tenantExists(Handle h, String tenant) {
        return h.createQuery("SELECT COUNT(*) FROM tenants WHERE name = :name")
                        .bind("name", tenant)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    /** Adds a queue, or changes the one with the same id. */
    public static void put(Handle h, QueueRow q) {
        int n = h.createUpdate("UPDATE queues SET priority_class = :pc, cohort = :cohort, weight = :weight,"
                        + " settings = :settings WHERE id = :id")
                .bind("id", q.id())
                .bind("pc", q.priorityClass())
                .bind("cohort", q.cohort())
                .bind("weight", q.weight())
                .bind("settings", q.settings())
                .execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO queues (id, tenant, name, priority_class, cohort, weight, settings) VALUES"
                            + " (:id, :tenant, :name, :pc, :cohort, :weight, :settings)")
                    .bind("id", q.id())
                    .bind("tenant", q.tenant())
                    .bind("name", q.name())
                    .bind("pc", q.priorityClass())
                    .bind("cohort", q.cohort())
                    .bind("weight", q.weight())
                    .bind("settings", q.settings())
                    .execute();
        }
    }
}
