package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;
import java.util.List;

/** Jobs to stop so that a waiting job fits, and the GPU-milliseconds of work they would lose. */
public record Preemption(List<Job> victims, long lostGpuMs) {
    public Preemption {
        victims = List.copyOf(victims);
    }

    boolean betterThan(Preemption o) {
        return o == null || lostGpuMs < o.lostGpuMs || (lostGpuMs == o.lostGpuMs && victims.size() < o.victims.size());
    }
}
