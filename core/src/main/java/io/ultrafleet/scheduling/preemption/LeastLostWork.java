package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;
import java.util.Comparator;

/**
 * Checkpoint-aware: stop first the jobs that would lose the least work (GPU-time since their last checkpoint), then
 * the lowest priority, then the larger (fewer victims), then the most recently started.
 */
public final class LeastLostWork implements VictimOrder {
    public static final String NAME = "least-lost-work";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Comparator<Job> at(long now) {
        return Comparator.<Job>comparingLong(j -> j.lostWorkIfStoppedAt(now))
                .thenComparingInt(Job::priority)
                .thenComparing(Comparator.comparingInt(Job::allocatedGpus).reversed())
                .thenComparing(Comparator.comparingLong(Job::startMs).reversed())
                .thenComparingLong(Job::id);
    }
}
