package io.ultrafleet.workload;

/** Where a job is in its life. */
public enum JobState {
    PENDING,
    RUNNING,
    COMPLETED
}
