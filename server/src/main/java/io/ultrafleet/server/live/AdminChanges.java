package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.server.store.QueueRow;
import java.util.List;

/**
 * The changes callers ask of the live state through the loop (cancel a job, add or change a queue, drain a rack),
 * each with its entry for the audit log, committed in the loop's next transaction.
 */
final class AdminChanges {
    private AdminChanges() {}

    /** Cancels the job {@code k} names; true when it was queued or running. */
    static boolean cancel(LiveState state, LoopCommand.Cancel k, long now) {
        boolean cancelled = state.cancel(k.id(), now, k.by()) == LiveState.Cancelled.NOW;
        if (cancelled) {
            state.changes().audit.add(new Changes.AuditNote(k.by(), "cancel", "job " + k.id(), null));
        }
        return cancelled;
    }

    /** The stored settings of the queue {@code q} puts, or null when there is no such queue yet. */
    static String settingsOf(LiveState state, LoopCommand.PutQueue q) {
        int id = state.queues().id(q.tenant() + "/" + q.name());
        return id < 0 ? null : state.queues().row(id).settings();
    }

    /** Adds or changes the queue; false when its running jobs hold GPUs its new quotas do not cover. */
    static boolean putQueue(LiveState state, LoopCommand.PutQueue q, long now) {
        int id = state.queues().id(q.tenant() + "/" + q.name());
        boolean isNew = id < 0;
        QueueRow row = new QueueRow(
                isNew ? state.queues().size() : id,
                q.tenant(),
                q.name(),
                q.settings().priorityClass(),
                q.settings().cohort(),
                q.settings().weight(),
                q.settingsJson());
        List<Quota> quotas = QueueSettings.quotas(q.settings(), state.fleet());
        boolean ok;
        if (isNew) {
            state.addQueue(row, q.priority(), quotas);
            state.changes().queues.add(row);
            state.wantCycle();
            ok = true;
        } else {
            ok = state.changeQueue(row, q.priority(), quotas, now);
        }
        if (ok) {
            state.changes()
                    .audit
                    .add(new Changes.AuditNote(
                            q.by(), isNew ? "queue-add" : "queue-change", row.fullName(), q.settingsJson()));
        }
        return ok;
    }

    /** Drains the rack or ends its drain; false when there is no such rack yet. */
    static boolean drain(LiveState state, LoopCommand.Drain d) {
        boolean ok = d.rack() >= 0 && d.rack() < state.fleet().rackCount();
        if (ok) {
            state.drain(d.rack(), d.on());
            state.changes()
                    .audit
                    .add(new Changes.AuditNote(d.by(), d.on() ? "drain" : "undrain", "rack " + d.rack(), null));
        }
        return ok;
    }
}
