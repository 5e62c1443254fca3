package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.server.store.QueueRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's queues in the order of the scheduler's queue book (a queue's id is its index there): each one's row as
 * stored, the priority its new jobs get, and its quotas. Used by the scheduler loop's thread only.
 */
final class QueueDirectory {
    private final List<QueueRow> rows = new ArrayList<>();
    private final List<Integer> priorities = new ArrayList<>();
    private final List<List<Quota>> quotas = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();

    void add(QueueRow row, int priority, List<Quota> queueQuotas) {
        if (row.id() != rows.size()) {
            throw new IllegalStateException(
                    "queue " + row.fullName() + " has id " + row.id() + ", expected " + rows.size());
        }
        rows.add(row);
        priorities.add(priority);
        quotas.add(List.copyOf(queueQuotas));
        byName.put(row.fullName(), row.id());
    }

    void replace(QueueRow row, int priority, List<Quota> queueQuotas) {
        rows.set(row.id(), row);
        priorities.set(row.id(), priority);
        quotas.set(row.id(), List.copyOf(queueQuotas));
    }

    int size() {
        return rows.size();
    }

    QueueRow row(int id) {
        return rows.get(id);
    }

    /** Its quotas per flavour, as the queue book holds them. */
    List<Quota> quotas(int id) {
        return quotas.get(id);
    }

    int priority(int id) {
        return priorities.get(id);
    }

    /** The id of {@code tenant/queue}, or -1. */
    int id(String fullName) {
        return byName.getOrDefault(fullName, -1);
    }

    List<QueueRow> rows() {
        return List.copyOf(rows);
    }
}
