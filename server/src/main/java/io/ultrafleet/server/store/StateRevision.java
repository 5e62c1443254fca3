package io.ultrafleet.server.store;

import org.jdbi.v3.core.Handle;

/**
 * Where the stored state stands: the leader's commits that changed it ({@code state_rev}) and the jobs submitted on
 * any server ({@code job_id}). Equal revisions, read apart, mean the same rows of jobs, holds, queues, drains and units
 * out, so a standby that has read the state at one revision need not read it again at the same.
 *
 * @param versionedCommits those of the commits made by a leader that moves the versions of the job rows it updates
 *     ({@code versioned_commits}): a leader of an older version moves {@code commits} alone
 */
public record StateRevision(long commits, long submissions, long versionedCommits) {
    /** The revision now (in a snapshot: the one its reads see). */
    public static StateRevision read(Handle h) {
        long[] v = new long[3];
        h.createQuery("SELECT name, val FROM counters WHERE name IN ('state_rev', 'job_id', 'versioned_commits')")
                .map((rs, ctx) -> {
                    String name = rs.getString(1);
                    v[name.equals("state_rev") ? 0 : name.equals("job_id") ? 1 : 2] = rs.getLong(2);
                    return null;
                })
                .list();
        return new StateRevision(v[0], v[1], v[2]);
    }

    /**
     * Whether every commit that changed the state between {@code earlier} and this revision moved the versions of the
     * job rows it updated (none was a leader's of an older version), so that rows whose version did not move did not
     * change.
     */
    public boolean versionsKeptSince(StateRevision earlier) {
        return commits - earlier.commits == versionedCommits - earlier.versionedCommits;
    }

    /** Adds one to the leader's commits: in the transaction of a commit that changes the state. */
    public static void bump(Handle h) {
        h.createUpdate("UPDATE counters SET val = val + 1 WHERE name IN ('state_rev', 'versioned_commits')")
                .execute();
    }
}
