package io.ultrafleet.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Rows for the store's tests: tenant {@code t} with queue 1, and a batch of bare jobs in it. */
final class StoreRows {
    private StoreRows() {}

    /** Stores tenant {@code t} and its queue {@code q} (id 1), and returns a batch of jobs there (bind id, state). */
    static PreparedBatch jobsOfOneQueue(Handle h) {
        h.execute("INSERT INTO tenants (name, created_at) VALUES ('t', 0)");
        h.execute("INSERT INTO queues (id, tenant, name, priority_class, weight, settings)"
                + " VALUES (1, 't', 'q', 'research', 1, '{}')");
        return h.prepareBatch("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus, priority, submitted_at)"
                + " VALUES (:id, 't', 1, 'j', :state, '{}', 8, 0, 0)");
    }
}
