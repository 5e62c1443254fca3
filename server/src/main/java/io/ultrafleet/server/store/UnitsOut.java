package io.ultrafleet.server.store;

import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Units the executor's engine cannot run work on, as the leader last took them out of service: by rack, a mask of
 * units. Written whole when they change (a few rows: only racks with such units).
 */
public final class UnitsOut {
    private UnitsOut() {}

    /** Every rack with units out, and its mask of them. */
    public static Map<Integer, Long> all(Handle h) {
        Map<Integer, Long> out = new TreeMap<>();
        h.createQuery("SELECT rack, mask FROM units_out")
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Replaces every row with {@code units}. */
    public static void replace(Handle h, Map<Integer, Long> units) {
        h.execute("DELETE FROM units_out");
        if (units.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO units_out (rack, mask) VALUES (:rack, :mask)");
        for (Map.Entry<Integer, Long> e : units.entrySet()) {
            batch.bind("rack", e.getKey()).bind("mask", e.getValue()).add();
        }
        batch.execute();
    }
}
