package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.CycleResult;

/** What the scheduler loop measures, for the metrics. */
public interface LoopMeter {
    void cycle(long nanos, CycleResult result);

    void commit(long nanos, boolean ok);

    /**
     * One read of the whole state from the database: at start, when taking the lead, after a failed commit, and every
     * few seconds while standing by.
     */
    default void stateRead(long nanos) {}

    /** How many waiting jobs re-ranked by a change of their queue's class still have their rows and lines to write. */
    default void rerankOwing(int jobs) {}
}
