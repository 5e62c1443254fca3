package io.ultrafleet.server.store;

import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** Racks an admin drained: they take no new work until undrained. */
public final class RackStates {
    private RackStates() {}

    public static Set<Integer> drained(Handle h) {
        return new TreeSet<>(h.createQuery("SELECT rack FROM rack_states WHERE draining = TRUE")
                .mapTo(Integer.class)
                .list());
    }

    public static void setDraining(Handle h, int rack, boolean draining) {
        int n = h.createUpdate("UPDATE rack_states SET draining = :d WHERE rack = :rack")
                .bind("d", draining)
                .bind("rack", rack)
                .execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO rack_states (rack, draining) VALUES (:rack, :d)")
                    .bind("d", draining)
                    .bind("rack", rack)
                    .execute();
        }
    }
}
