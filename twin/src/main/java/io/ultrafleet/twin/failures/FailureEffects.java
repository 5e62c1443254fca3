package io.ultrafleet.twin.failures;

import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.workload.Job;

/** What the twin does when a failure stops a job. */
@FunctionalInterface
public interface FailureEffects {
    /**
     * {@code job} was running on what failed: stop it from its last checkpoint and queue it again (or, for an elastic
     * job, carry on without {@code rack}). {@code rack} is the rack that failed under it, or -1 when the fault took
     * no hardware down (software, a switch).
     */
    void interrupt(Job job, FailureCause cause, int rack);
}
