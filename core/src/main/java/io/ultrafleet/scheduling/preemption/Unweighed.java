package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;

/**
 * Every preemption the search finds is made, whatever it costs; the cost is the work lost since the victims' last
 * checkpoints, so the search still prefers the victims that lose the least. A higher priority class always wins.
 */
public final class Unweighed implements PreemptionPolicy {
    public static final String NAME = "unweighed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long standingCost(Job victim) {
        return 0;
    }

    @Override
    public boolean allows(Job job, long costGpuMs, long now) {
        return true;
    }

    /** Any start is worth any preemption. */
    @Override
    public double gain(Job job, long now) {
        return Double.POSITIVE_INFINITY;
    }
}
