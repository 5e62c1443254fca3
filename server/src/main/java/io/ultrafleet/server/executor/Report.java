package io.ultrafleet.server.executor;

/** Something an executor saw happen to a job. */
public sealed interface Report {
    long jobId();

    /** When it happened, in the server's clock. */
    long at();

    /** The job ran to its end with {@code exitCode} (0 for success). */
    record Ended(long jobId, long at, int exitCode) implements Report {}

    /** The job stopped as it was asked to (a preemption or a cancellation). */
    record Stopped(long jobId, long at) implements Report {}

    /** The job was lost to a node failure: it goes back to the queue from its last checkpoint. */
    record Lost(long jobId, long at, String why) implements Report {}
}
