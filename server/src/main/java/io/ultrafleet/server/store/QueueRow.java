package io.ultrafleet.server.store;

/**
 * A queue as the database keeps it: its index in the scheduler's queue book ({@code id}), its tenant and name, its
 * priority class, cohort and fair-share weight, and its quotas as JSON (a list of {@code {model, site, nominalGpus,
 * borrowingLimitGpus, lendingLimitGpus}}, as the scenario's {@code quotas} are read; empty for an unlimited queue).
 */
public record QueueRow(
        int id, String tenant, String name, String priorityClass, String cohort, double weight, String quotas) {
    /** {@code tenant/queue}, as jobs name their queue. */
    public String fullName() {
        return tenant + "/" + name;
    }
}
