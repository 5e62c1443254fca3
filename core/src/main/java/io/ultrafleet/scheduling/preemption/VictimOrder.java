package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.workload.Job;
import java.util.Comparator;

/**
 * Which running jobs a preemption tries to stop first (an extension point). The search takes victims in this order
 * until enough capacity is free, then drops any it turns out not to need.
 */
public interface VictimOrder {
    /** Name in scenario files and outputs. */
    String name();

    /** The order at simulated time {@code now}; earlier means stopped first. */
    Comparator<Job> at(long now);
}
