package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;
import java.util.List;

/**
 * Jobs to stop so that a waiting job fits, the GPU-milliseconds of work they would lose, and what stopping them costs
 * by the search's {@link PreemptionPolicy} (the lost work alone under {@link Unweighed}).
 */
public record Preemption(List<Job> victims, long lostGpuMs, long costGpuMs) {
    public Preemption {
        victims = List.copyOf(victims);
    }

    /** A preemption whose cost is the work it loses. */
    public Preemption(List<Job> victims, long lostGpuMs) {
        this(victims, lostGpuMs, lostGpuMs);
    }

    /** Cheaper; or as cheap and losing less work; or that too with fewer victims. */
    boolean betterThan(Preemption o) {
        return o == null || better(costGpuMs, lostGpuMs, victims.size(), o.costGpuMs, o.lostGpuMs, o.victims.size());
    }

    /** Whether a preemption of {@code cost}, {@code lost} and {@code size} victims is better than the other one. */
    static boolean better(long cost, long lost, int size, long otherCost, long otherLost, int otherSize) {
        if (cost != otherCost) {
            return cost < otherCost;
        }
        return lost != otherLost ? lost < otherLost : size < otherSize;
    }
}
