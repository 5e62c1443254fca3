package io.ultrafleet.server.store;

/**
 * What the scheduler loop changes of a job's row: its state, priority (its queue's class may change while it waits),
 * runs, times, saved work, what it holds and why it waits, when it last changed size and the work it had done by
 * then, and, once it has ended, the work it had done. Times are the server's clock; null when the job has none yet.
 */
public record JobProgress(
        long id,
        String state,
        int priority,
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
        Long resizedWorkMs) {}
