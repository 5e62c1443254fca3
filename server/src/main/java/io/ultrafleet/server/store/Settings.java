package io.ultrafleet.server.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Named values the server keeps: the scenario it started from, its clock's anchor. */
public final class Settings {
    private Settings() {}

    public static Optional<String> get(Handle h, String name) {
        return h.createQuery("SELECT val FROM settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }

    public static void put(Handle h, String name, String value) {
        int updated = h.createUpdate("UPDATE settings SET val = :val WHERE name = :name")
                .bind("name", name)
                .bind("val", value)
                .execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO settings (name, val) VALUES (:name, :val)")
                    .bind("name", name)
                    .bind("val", value)
                    .execute();
        }
    }
}
