package io.ultrafleet.server.live;

import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.HeldUnits;
import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.JobProgress;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.server.store.RackStates;
import io.ultrafleet.server.store.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Commits one turn's {@link Changes} in one transaction: jobs' rows, what they hold (released first, then taken, so
 * a unit passed from one job to another in one turn is never held twice), their events, queue and rack settings,
 * and the clock. All or nothing.
 */
final class ChangeWriter {
    static final String CLOCK_LAST = "clock.last";

    private ChangeWriter() {}

    static void commit(Database db, Changes c) {
        List<JobProgress> rows = new ArrayList<>(c.jobs.size());
        List<Long> holdsChanged = new ArrayList<>();
        List<HeldUnits.Hold> holds = new ArrayList<>();
        for (Map.Entry<Long, Changes.JobUpdate> e : c.jobs.entrySet()) {
            Changes.JobUpdate u = e.getValue();
            rows.add(u.row());
            if (u.racks() != null) {
                holdsChanged.add(e.getKey());
                if (u.racks().length > 0) {
                    holds.add(new HeldUnits.Hold(e.getKey(), u.racks(), u.masks()));
                }
            }
        }
        db.inTransaction(h -> {
            Jobs.updateAll(h, rows);
            HeldUnits.replace(h, holdsChanged, holds);
            JobEvents.append(h, c.events);
            for (var q : c.queues) {
                Queues.ensureTenant(h, q.tenant(), c.clockMs);
                Queues.put(h, q);
            }
            for (Map.Entry<Integer, Boolean> d : c.drains.entrySet()) {
                RackStates.setDraining(h, d.getKey(), d.getValue());
            }
            if (c.clockMs >= 0) {
                Settings.put(h, CLOCK_LAST, Long.toString(c.clockMs));
            }
            return null;
        });
    }
}
