package io.ultrafleet.server.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Which job holds each unit (tray or host) of each rack: one row per unit, keyed by (rack, unit), so the database
 * itself refuses a unit held by two jobs.
 */
public final class HeldUnits {
    private HeldUnits() {}

    /** Records that {@code jobId} holds the units of {@code masks[i]} on {@code racks[i]}. */
    public static void hold(Handle h, long jobId, int[] racks, long[] masks) {
        PreparedBatch b = h.prepareBatch("INSERT INTO held_units (rack, unit, job_id) VALUES (:rack, :unit, :job)");
        int rows = 0;
        for (int i = 0; i < racks.length; i++) {
            for (long m = masks[i]; m != 0; m &= m - 1) {
                b.bind("rack", racks[i])
                        .bind("unit", Long.numberOfTrailingZeros(m))
                        .bind("job", jobId)
                        .add();
                rows++;
            }
        }
        if (rows > 0) {
            b.execute();
        }
    }

    /** What one job holds: {@code masks[i]} of {@code racks[i]}. */
    public record Hold(long jobId, int[] racks, long[] masks) {}

    /** Forgets every unit the jobs of {@code jobIds} hold, then records {@code holds}; one batch each. */
    public static void replace(Handle h, java.util.Collection<Long> jobIds, List<Hold> holds) {
        if (!jobIds.isEmpty()) {
            PreparedBatch d = h.prepareBatch("DELETE FROM held_units WHERE job_id = :job");
            for (long id : jobIds) {
                d.bind("job", id).add();
            }
            d.execute();
        }
        PreparedBatch b = h.prepareBatch("INSERT INTO held_units (rack, unit, job_id) VALUES (:rack, :unit, :job)");
        int rows = 0;
        for (Hold hold : holds) {
            for (int i = 0; i < hold.racks().length; i++) {
                for (long m = hold.masks()[i]; m != 0; m &= m - 1) {
                    b.bind("rack", hold.racks()[i])
                            .bind("unit", Long.numberOfTrailingZeros(m))
                            .bind("job", hold.jobId())
                            .add();
                    rows++;
                }
            }
        }
        if (rows > 0) {
            b.execute();
        }
    }

    /** Forgets every unit {@code jobId} holds. */
    public static void releaseAll(Handle h, long jobId) {
        h.createUpdate("DELETE FROM held_units WHERE job_id = :job")
                .bind("job", jobId)
                .execute();
    }

    /** Forgets the units {@code jobId} holds on {@code racks}. */
    public static void release(Handle h, long jobId, int[] racks) {
        PreparedBatch b = h.prepareBatch("DELETE FROM held_units WHERE job_id = :job AND rack = :rack");
        for (int rack : racks) {
            b.bind("job", jobId).bind("rack", rack).add();
        }
        if (racks.length > 0) {
            b.execute();
        }
    }

    /** What {@code jobId} holds: per rack (in rack order), the mask of its units. */
    public static Map<Integer, Long> of(Handle h, long jobId) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        h.createQuery("SELECT rack, unit FROM held_units WHERE job_id = :job ORDER BY rack, unit")
                .bind("job", jobId)
                .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .forEach(ru -> out.merge(ru[0], 1L << ru[1], (a, b) -> a | b));
        return out;
    }

    /** Every held unit, by job: per job, per rack, the mask (a server rebuilding its state). */
    public static Map<Long, Map<Integer, Long>> all(Handle h) {
        Map<Long, Map<Integer, Long>> out = new LinkedHashMap<>();
        h.createQuery("SELECT job_id, rack, unit FROM held_units ORDER BY job_id, rack, unit")
                .setFetchSize(10_000)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getInt(2), rs.getInt(3)})
                .forEach(r -> out.computeIfAbsent(r[0], k -> new LinkedHashMap<>())
                        .merge((int) r[1], 1L << r[2], (a, b) -> a | b));
        return out;
    }
}
