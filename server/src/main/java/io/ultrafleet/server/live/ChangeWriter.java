package io.ultrafleet.server.live;

import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.store.Audit;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.FleetSamples;
import io.ultrafleet.server.store.HeldUnits;
import io.ultrafleet.server.store.Inbox;
import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.JobProgress;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.Queues;
import io.ultrafleet.server.store.RackStates;
import io.ultrafleet.server.store.Settings;
import io.ultrafleet.server.store.StateRevision;
import io.ultrafleet.server.store.UnitsOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Commits one turn's {@link Changes} in one transaction: jobs' rows, what they hold (released first, then taken, so
 * a unit passed from one job to another in one turn is never held twice), their events, queue and rack settings,
 * the units the executor cannot use, the inbox rows of submissions taken, the audit log, the clock, and a sample of the fleet for the charts. All or
 * nothing.
 */
final class ChangeWriter {
    static final String CLOCK_LAST = "clock.last";

    private ChangeWriter() {}

    /**
     * Commits {@code c} if this server still leads: the lease is checked first, in the same transaction, so a server
     * that lost its lease commits nothing ({@link Leadership.Fenced}).
     */
    static void commit(Database db, Leadership leadership, Changes c) {
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
        boolean changesState = !c.isEmpty();
        db.inTransaction(h -> {
            leadership.fence(h);
            if (changesState) {
                StateRevision.bump(h); // a standby reads the state again only when this moves (or a job comes)
            }
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
            if (c.unitsOut != null) {
                UnitsOut.replace(h, c.unitsOut);
            }
            Inbox.remove(h, c.inboxTaken);
            for (Changes.AuditNote a : c.audit) {
                Audit.record(h, c.clockMs, a.actor(), a.action(), a.target(), a.detail());
            }
            if (c.clockMs >= 0) {
                Settings.put(h, CLOCK_LAST, Long.toString(c.clockMs));
            }
            if (c.sampleBody != null) {
                FleetSamples.add(h, c.sampleAt, c.sampleBody, c.sampleAt - LiveHistory.RETAIN_MS);
            }
            return null;
        });
    }
}
