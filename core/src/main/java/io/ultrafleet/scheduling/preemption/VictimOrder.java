package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;

/**
 * Which running jobs a preemption tries to stop first (an extension point): a rank per job, lowest stopped first;
 * ties go to the lower priority, then the lower job id. The search takes victims in this order until enough
 * capacity is free, then drops any it turns out not to need. A rank is a number, not a comparator, so that it is
 * computed once per candidate however many candidates there are.
 */
public interface VictimOrder {
    /** Name in scenario files and outputs. */
    String name();

    /** The job's rank at simulated time {@code now}; lower is stopped first. */
    long rank(Job job, long now);

    /**
     * Whether a running job's rank may change while it holds the same units (with the clock, its checkpoints); when
     * not, searches keep each rack's last victim until its holders change.
     */
    default boolean rankMovesWithTime() {
        return true;
    }
}
