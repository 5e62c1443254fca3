package io.ultrafleet.twin.scenario;

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
     * @param quotaGpus most GPUs the queue may hold at once, or -1 for no limit
     */
    public record QueueSpec(String name, String priorityClass, int quotaGpus) {}
}
