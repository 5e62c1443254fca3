package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;

/**
 * Whether a preemption is worth what it destroys (an extension point beside {@link VictimOrder}): what stopping a
 * running job costs, and whether victims of a given total cost may be stopped so that a waiting job starts. The search
 * keeps the cheapest set of victims by this cost, and the policy then allows it or not; a set it does not allow is not
 * stopped, and the waiting job waits as if no preemption could make room.
 */
public interface PreemptionPolicy {
    /** Name in scenario files and outputs. */
    String name();

    /**
     * GPU-milliseconds that stopping the running {@code victim} costs beyond the work it loses (its restart, its time
     * back in the queue), at least 0: a victim costs the work it would lose since its last checkpoint plus this. It may
     * depend on the victim's request and allocation, never on the time, so that a search can keep it while the victim
     * runs unchanged.
     */
    long standingCost(Job victim);

    /**
     * Whether victims costing {@code costGpuMs} in all may be stopped at {@code now} so that {@code job} starts. It must
     * depend on the job only through {@link #gain}, and never allow a smaller cost less: a scheduling cycle that saw
     * victims refused for one job takes the same verdict for a job of the same shape that gains no more.
     */
    boolean allows(Job job, long costGpuMs, long now);

    /** What starting {@code job} at {@code now} is worth to this policy, in GPU-milliseconds. */
    double gain(Job job, long now);
}
