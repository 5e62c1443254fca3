package io.ultrafleet.server.live;

import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.spec.ScenarioSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** A scenario's queues stored as a server's first start stores them, for the tests of the live state. */
final class StoredQueues {
    private StoredQueues() {}

    /** Stores the queues of {@code spec}; their rows by {@code tenant/queue}. */
    static Map<String, QueueRow> of(Database db, ScenarioSpec spec) {
        Map<String, QueueRow> rows = new LinkedHashMap<>();
        db.inTransaction(h -> {
            for (QueueRow row : QueueSettings.rows(spec)) {
                Queues.ensureTenant(h, row.tenant(), spec.startMs());
                Queues.put(h, row);
                rows.put(row.fullName(), row);
            }
            return null;
        });
        return rows;
    }

    /** Stores queue {@code row} again in priority class {@code priorityClass}, as a change of class commits it. */
    static void changeClass(Database db, QueueRow row, String priorityClass) {
        db.inTransaction(h -> {
            Queues.put(h, inClass(row, priorityClass));
            return null;
        });
    }

    /** Queue {@code row} in priority class {@code priorityClass}, as a change of class puts it. */
    static QueueRow inClass(QueueRow row, String priorityClass) {
        return new QueueRow(
                row.id(),
                row.tenant(),
                row.name(),
                priorityClass,
                row.cohort(),
                row.weight(),
                row.settings()
                        .replace(
                                "\"priorityClass\":\"" + row.priorityClass() + "\"",
                                "\"priorityClass\":\"" + priorityClass + "\""));
    }
}
