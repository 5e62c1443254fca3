package io.ultrafleet.workload;

/** Where a job is in its life. */
public enum JobState {
    /** Waiting to start, or to start again after a stop. */
    PENDING,
    RUNNING,
    /** Ran to its end. */
    COMPLETED,
    /** Its own work failed (a live executor reported it); it will not run again. */
    FAILED,
    /** Withdrawn before it ended; it will not run again. */
    CANCELLED;

    /** Whether the job has ended, one way or another. */
    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
