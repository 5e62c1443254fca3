package io.ultrafleet.server.live;

import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.JobEvents.NewEvent;
import io.ultrafleet.server.store.JobProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one turn of the scheduler loop changed, gathered for its transaction: the jobs whose rows or held units
 * changed, their new events, when the jobs that ended in the turn ended (they have left memory by then), and the rest
 * of {@link Changes}. Used by the scheduler loop's thread only.
 */
final class TurnRecord {
    private final Changes changes = new Changes();
    private final Map<Long, LiveJob> dirty = new LinkedHashMap<>();
    private final Map<Long, Long> endedAt = new HashMap<>();
    private final Map<Long, Integer> exitCodes = new HashMap<>();
    /** Rows and lines of re-ranked jobs, owed to the turns to come. */
    private final RerankWrites owed = new RerankWrites();

    Changes changes() {
        return changes;
    }

    /** The rows and lines of re-ranked jobs still to be written, a few thousand a turn. */
    RerankWrites owed() {
        return owed;
    }

    /** The job's row is written in this turn's transaction. */
    void touch(LiveJob lj) {
        dirty.put(lj.id(), lj);
    }

    /**
     * Adds an event to the job's history, numbered next (by the database for a job read back from it), after the line
     * it owes for a re-ranking if it owes one ({@link RerankWrites}).
     */
    void event(LiveJob lj, long at, String text) {
        owed.payFor(lj, this);
        changes.events.add(
                new NewEvent(lj.id(), lj.nextSeq == JobEvents.NEXT ? JobEvents.NEXT : lj.nextSeq++, at, text));
    }

    /** The job ended at {@code at} (with {@code exitCode}, or null when it did not run to an end); its row is written. */
    void ended(LiveJob lj, long at, Integer exitCode) {
        endedAt.put(lj.id(), at);
        if (exitCode != null) {
            exitCodes.put(lj.id(), exitCode);
        }
        touch(lj);
    }

    /** Whether the job ended in this turn, not yet committed. */
    boolean endedNow(long id) {
        return endedAt.containsKey(id);
    }

    /** Moves the rows of the jobs changed in this turn into {@link #changes()}, ready to commit. */
    void collect() {
        for (LiveJob lj : dirty.values()) {
            Job j = lj.job;
            int[] racks = null;
            long[] masks = null;
            if (lj.holdsChanged) {
                racks = j.state() == JobState.RUNNING ? j.racks().clone() : new int[0];
                masks = j.state() == JobState.RUNNING ? j.unitMasks().clone() : new long[0];
                lj.holdsChanged = false;
            }
            changes.jobs.put(lj.id(), new Changes.JobUpdate(row(lj), racks, masks));
        }
        dirty.clear();
    }

    /** The job's row as it is now. */
    JobProgress row(LiveJob lj) {
        return JobRows.of(lj, endedAt.get(lj.id()), exitCodes.get(lj.id()));
    }

    /** After a commit: forgets the end times kept for the rows just written. */
    void committed() {
        endedAt.clear();
        exitCodes.clear();
        changes.clear();
    }
}
