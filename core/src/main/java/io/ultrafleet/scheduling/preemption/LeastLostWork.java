package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;

/** Checkpoint-aware: stop first the jobs that would lose the least work (GPU-time since their last checkpoint). */
public final class LeastLostWork implements VictimOrder {
    public static final String NAME = "least-lost-work";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long rank(Job job, long now) {
        return job.lostWorkIfStoppedAt(now);
    }
}
