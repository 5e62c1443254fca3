package io.ultrafleet.server.store;

/**
 * A queue as the database keeps it: its index in the scheduler's queue book ({@code id}), its tenant and name, its
 * priority class, cohort and fair-share weight, and its settings as the JSON an admin puts ({@code priorityClass}, {@code quotaGpus}
 * or {@code quotas}, {@code cohort}, {@code weight}), read again with the scenario's queue reader after a restart.
 */
public record QueueRow(
        int id, String tenant, String name, String priorityClass, String cohort, double weight, String settings) {
    /** {@code tenant/queue}, as jobs name their queue. */
    public String fullName() {
        return tenant + "/" + name;
    }
}
