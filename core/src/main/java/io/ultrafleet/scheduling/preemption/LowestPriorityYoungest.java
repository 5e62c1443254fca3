package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;
import java.util.Comparator;

/** Classic order: lowest priority first, then the most recently started (it has run the least). */
public final class LowestPriorityYoungest implements VictimOrder {
    public static final String NAME = "lowest-priority-youngest";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Comparator<Job> at(long now) {
        return Comparator.comparingInt(Job::priority)
                .thenComparing(Comparator.comparingLong(Job::startMs).reversed())
                .thenComparingLong(Job::id);
    }
}
