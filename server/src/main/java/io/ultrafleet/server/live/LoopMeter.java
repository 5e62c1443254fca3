package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.CycleResult;

/** What the scheduler loop measures, for the metrics. */
public interface LoopMeter {
    void cycle(long nanos, CycleResult result);

    void commit(long nanos, boolean ok);
}
