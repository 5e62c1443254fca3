package io.ultrafleet.workload;

/**
 * How far a job has got, as the scheduler needs to know it: when it is expected to end, and what stopping it would
 * lose. The job tells it when a run starts, changes size and stops. A live server uses {@link CheckpointedProgress},
 * built on the run time users declare and the checkpoints they take; the twin extends it with each job's true
 * duration.
 */
public interface Progress {
    /** A run starts at {@code now} on {@code gpus} GPUs from the work saved so far; a restart first pays its overhead. */
    void started(long now, int gpus, boolean restart);

    /** The running job computes on {@code gpus} GPUs from {@code now}. */
    void resized(long now, int gpus);

    /** The run stops at {@code now}: work is kept up to its last checkpoint. Returns the GPU-milliseconds lost. */
    long stopped(long now);

    /**
     * The run takes a checkpoint at {@code now} and stops (it was told in time that its GPUs would go): all its work
     * is kept, nothing is lost.
     */
    void checkpointedAndStopped(long now);

    /** GPUs the running job computes on. */
    int runGpus();

    /** When the scheduler expects the running job to end, at its current size. */
    long expectedEnd();

    /** When the scheduler expects the job to end if it (re)started at {@code startMs}, at its full size. */
    long expectedEndIfStartedAt(long startMs);

    /** GPU-milliseconds of work that stopping the running job at {@code now} would lose: since its last checkpoint. */
    long lostWorkIfStoppedAt(long now);

    /**
     * GPU-milliseconds per millisecond at which {@link #lostWorkIfStoppedAt} grows at {@code now}: the GPUs the run
     * computes on, or 0 during a restart's overhead.
     */
    long lostWorkRate(long now);

    /**
     * Until when (exclusive) the lost work grows steadily from {@code now}: for {@code now <= t <} this instant,
     * {@code lostWorkIfStoppedAt(t) = lostWorkIfStoppedAt(now) + lostWorkRate(now) * (t - now)}. It is the run's next
     * checkpoint, or the end of its restart overhead, while its size does not change.
     */
    long lostWorkSteadyUntil(long now);

    /** Work kept by checkpoints of earlier runs, in milliseconds of run time at full size. */
    long savedWorkMs();

    /** Full-size milliseconds of work done by {@code now}, the work kept from earlier runs included. */
    long workDoneMs(long now);

    /**
     * When the running job last started or changed size: its checkpoints are counted from then (after any restart
     * overhead still left at that instant).
     */
    long resizedAt();

    /**
     * Full-size milliseconds of work done, the work kept from earlier runs included, at {@link #resizedAt()}: with it
     * and the GPUs the job computes on now, how far the run has got follows at any later instant.
     */
    long workAtResizeMs();

    /**
     * Sets the running job's progress as it stood after its last change of size, at {@code resizedAt}, with
     * {@code workMs} of work done by then (a job taken back from a record of its run, where it may have run on other
     * sizes before).
     */
    void resumeFrom(long resizedAt, long workMs);

    /** A copy, to go back to with {@link #restore}. */
    Progress copy();

    /** Takes the state of {@code earlier}, a copy of this progress. */
    void restore(Progress earlier);
}
