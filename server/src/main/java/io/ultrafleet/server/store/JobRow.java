package io.ultrafleet.server.store;

/**
 * A job as the database keeps it.
 *
 * @param body the submitted job, normalised, as JSON: what the server rebuilds the job from after a restart
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param savedWorkMs full-size milliseconds of work kept by its checkpoints when it last stopped
 * @param workMs full-size milliseconds of work it had done when it ended, kept work included; null until it ends
 *     (and for jobs that ended before the server recorded it)
 * @param resizedAt when the running job last changed size in its run; null if it has not
 * @param resizedWorkMs full-size milliseconds of work it had done by {@code resizedAt}, kept work included
 */
public record JobRow(
        long id,
        String tenant,
        int queueId,
        String name,
        String state,
        String body,
        int gpus,
        int priority,
        long submittedAt,
        String idempotencyKey,
        int runs,
        Long firstStartedAt,
        Long startedAt,
        Long endedAt,
        long savedWorkMs,
        int allocatedGpus,
        String waitReason,
        String waitDetail,
        Integer exitCode,
        Long workMs,
        Long resizedAt,
        Long resizedWorkMs) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** Whether the job has ended one way or another. */
    public boolean ended() {
        return state.equals(SUCCEEDED) || state.equals(FAILED) || state.equals(CANCELLED);
    }
}
