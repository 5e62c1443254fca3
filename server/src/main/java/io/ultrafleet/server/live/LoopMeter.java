package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.CycleResult;

/** What the scheduler loop measures, for the metrics. */
public interface LoopMeter {
    void cycle(long nanos, CycleResult result);

    void commit(long nanos, boolean ok);

    /**
     * One read of the whole state from the database: at start, when taking the lead, after a failed commit, and every
     * few seconds while standing by; {@code rowsFromDatabase} job rows came whole from the database (a standby's later
     * reads take only the new and changed ones).
     */
    default void stateRead(long nanos, long rowsFromDatabase) {}

    /** How many waiting jobs re-ranked by a change of their queue's class still have their rows and lines to write. */
    default void rerankOwing(int jobs) {}
}
