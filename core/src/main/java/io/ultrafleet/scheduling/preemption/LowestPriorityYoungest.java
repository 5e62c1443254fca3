package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;

/** Classic order: lowest priority first, then the most recently started (it has run the least). */
public final class LowestPriorityYoungest implements VictimOrder {
    public static final String NAME = "lowest-priority-youngest";

    /** Start times are below 2^39 ms (17 years); priorities fit in 23 bits either side of zero. */
    private static final long START_SPAN = 1L << 39;

    @Override
    public String name() {
        return NAME;
    }

    /** A running job's priority and start time do not change while it holds its units. */
    @Override
    public boolean rankMovesWithTime() {
        return false;
    }

    @Override
    public long rank(Job job, long now) {
        return ((long) job.priority() << 40) + (START_SPAN - Math.min(START_SPAN, Math.max(0, job.startMs())));
    }
}
