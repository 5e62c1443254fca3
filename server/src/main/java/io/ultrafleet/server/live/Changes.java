package io.ultrafleet.server.live;

import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.store.JobEvents.NewEvent;
import io.ultrafleet.server.store.JobProgress;
import io.ultrafleet.server.store.QueueRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one turn of the scheduler loop changed, to be committed in one transaction before anything is dispatched: jobs'
 * new rows, the units they hold now, their new events, queue and rack settings; then, only after the commit, what the
 * executor is told.
 */
final class Changes {
    /** A job's row as it is after the turn, and what it holds (null when unchanged). */
    record JobUpdate(JobProgress row, int[] racks, long[] masks) {}

    final Map<Long, JobUpdate> jobs = new LinkedHashMap<>();
    final List<NewEvent> events = new ArrayList<>();
    final List<QueueRow> queues = new ArrayList<>();
    final Map<Integer, Boolean> drains = new LinkedHashMap<>();
    final List<Dispatch> dispatches = new ArrayList<>();
    final List<Long> stops = new ArrayList<>();
    /** The queue of each run started in the turn, counted once the turn is committed. */
    final List<Integer> startedQueues = new ArrayList<>();

    /** Submissions taken from the inbox into the state: their inbox rows go. */
    final List<Long> inboxTaken = new ArrayList<>();
    /** Who did what, for the audit log. */
    final List<AuditNote> audit = new ArrayList<>();

    /**
     * The units the executor's engine cannot use, as the state now holds them out of service, when the turn changed
     * them (the whole set, which replaces the stored one); null when unchanged.
     */
    Map<Integer, Long> unitsOut;

    long clockMs = -1;
    /** A sample of the fleet for the dashboard's charts to store ({@link StoredSamples}), or null; and its time. */
    String sampleBody;

    long sampleAt;

    /** An entry for the audit log, written in the turn's transaction. */
    record AuditNote(String actor, String action, String target, String detail) {}

    boolean isEmpty() {
        return jobs.isEmpty()
                && events.isEmpty()
                && queues.isEmpty()
                && drains.isEmpty()
                && inboxTaken.isEmpty()
                && audit.isEmpty()
                && unitsOut == null;
    }

    void clear() {
        jobs.clear();
        events.clear();
        queues.clear();
        drains.clear();
        dispatches.clear();
        stops.clear();
        startedQueues.clear();
        inboxTaken.clear();
        audit.clear();
        unitsOut = null;
        clockMs = -1;
        sampleBody = null;
    }
}
