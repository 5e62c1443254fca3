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
        if (o == null || costGpuMs != o.costGpuMs) {
            return o == null || costGpuMs < o.costGpuMs;
        }
        return lostGpuMs != o.lostGpuMs ? lostGpuMs < o.lostGpuMs : victims.size() < o.victims.size();
    }
}
