package io.ultrafleet.twin.failures;

import io.ultrafleet.twin.reliability.FailureCause;
import io.ultrafleet.workload.Job;

/** What the twin does when a failure stops a job. */
@FunctionalInterface
public interface FailureEffects {
    /** {@code job} was running on what failed: stop it, from its last checkpoint, and queue it again. */
    void interrupt(Job job, FailureCause cause);
}
