package io.ultrafleet.server.store;

import org.jdbi.v3.core.Handle;

/**
 * Where the stored state stands: the leader's commits that changed it ({@code state_rev}) and the jobs submitted on
 * any server ({@code job_id}). Equal revisions, read apart, mean the same rows of jobs, holds, queues, drains and units
 * out, so a standby that has read the state at one revision need not read it again at the same.
 */
public record StateRevision(long commits, long submissions) {
    /** The revision now (in a snapshot: the one its reads see). */
    public static StateRevision read(Handle h) {
        long[] v = new long[2];
        h.createQuery("SELECT name, val FROM counters WHERE name IN ('state_rev', 'job_id')")
                .map((rs, ctx) -> {
                    v[rs.getString(1).equals("state_rev") ? 0 : 1] = rs.getLong(2);
                    return null;
                })
                .list();
        return new StateRevision(v[0], v[1]);
    }

    /** Adds one to the leader's commits: in the transaction of a commit that changes the state. */
    public static void bump(Handle h) {
        h.createUpdate("UPDATE counters SET val = val + 1 WHERE name = 'state_rev'")
                .execute();
    }
}
