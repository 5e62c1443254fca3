package io.ultrafleet.spec;

import java.util.List;

/** A tenant (team or product) and its queues. */
public record TenantSpec(String name, List<QueueSpec> queues) {
    public TenantSpec {
        queues = List.copyOf(queues);
    }

    /**
     * A queue. Jobs name it as {@code tenant/queue}.
     *
     * @param priorityClass name of a {@link PriorityClassSpec}
     * @param quotaGpus a nominal quota on every flavour, or -1
     * @param cohort the cohort whose members lend each other unused quota, or null
     * @param weight fair-share weight
     * @param quotas quotas per flavour; with neither these nor {@code quotaGpus} the queue is unlimited
     */
    public record QueueSpec(
            String name, String priorityClass, int quotaGpus, String cohort, double weight, List<QuotaSpec> quotas) {
        public QueueSpec {
            quotas = List.copyOf(quotas);
        }

        /** A queue with at most a quota on every flavour, no cohort, weight 1. */
        public QueueSpec(String name, String priorityClass, int quotaGpus) {
            this(name, priorityClass, quotaGpus, null, 1.0, List.of());
        }
    }

    /**
     * A quota of one flavour: GPUs of {@code model} (null for any) at {@code site} (null for anywhere).
     *
     * @param borrowingLimitGpus most GPUs above the nominal quota it may borrow from its cohort, or -1 for no limit
     * @param lendingLimitGpus most of its nominal quota it lends to its cohort, or -1 for all of it
     */
    public record QuotaSpec(
            String model, String site, long nominalGpus, long borrowingLimitGpus, long lendingLimitGpus) {}
}
