package io.ultrafleet.twin.workload;

import io.ultrafleet.workload.CheckpointedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.Progress;

/**
 * A simulated job's progress: the scheduler is told the job's estimate, as a live one would be, but the twin knows how
 * much work the job really is ({@code durationMs} of run time at full size), and so when it will end. It also lets an
 * elastic job carry on smaller after a failure, from its last checkpoint.
 */
public final class SimulatedProgress extends CheckpointedProgress {
    private final long durationMs;
    // set by a failure the job carries on from: its next resize restarts it from its last checkpoint
    private boolean restartOnResize;

    public SimulatedProgress(JobRequest request, long durationMs) {
        this(request, durationMs, 0);
    }

    /**
     * A job of {@code durationMs} of true run time that has already saved {@code savedMs} of it by checkpoints (a
     * job taken over from a live fleet's state, as a forecast starts from it).
     */
    public SimulatedProgress(JobRequest request, long durationMs, long savedMs) {
        super(request, savedMs);
        if (durationMs <= 0) {
            throw new IllegalArgumentException("duration must be > 0: " + durationMs);
        }
        this.durationMs = durationMs;
    }

    /** The progress of a job of the twin. */
    public static SimulatedProgress of(Job job) {
        return (SimulatedProgress) job.progress();
    }

    /** The job's true length: run time at full size. */
    public long durationMs() {
        return durationMs;
    }

    @Override
    protected long workLimitMs() {
        return durationMs;
    }

    /** Milliseconds from {@code now} until the running job finishes at its current size. */
    public long msToFinish(long now) {
        return msToReach(now, durationMs);
    }

    /**
     * Milliseconds from {@code now} until the running job would finish on {@code gpus} GPUs, for a job whose size was
     * set at {@code now} (more than once, as when a scheduling cycle shrinks it twice).
     */
    public long msToFinishOn(long now, int gpus) {
        return msToReach(now, durationMs, gpus);
    }

    /** Run time still needed from the last checkpoint. */
    public long remainingMs() {
        return durationMs - savedWorkMs();
    }

    /** Full-size milliseconds of work done by {@code now}: saved work while pending, progress while running. */
    public double workDoneAt(long now, JobState state) {
        return state == JobState.RUNNING ? doneAt(now) : state == JobState.COMPLETED ? durationMs : savedWorkMs();
    }

    /**
     * A failure hit part of this running elastic job, which will carry on smaller: it falls back to its last
     * checkpoint, and its next resize restarts it from there (with the restart overhead). Returns the GPU-milliseconds
     * of work lost.
     */
    public long failOver(long now) {
        long lost = lostWorkIfStoppedAt(now);
        keepToLastCheckpoint(now);
        restartOnResize = true;
        return lost;
    }

    @Override
    public void resized(long now, int gpus) {
        if (restartOnResize) {
            restartOnResize = false;
            started(now, gpus, true);
        } else {
            super.resized(now, gpus);
        }
    }

    @Override
    protected CheckpointedProgress blank() {
        return new SimulatedProgress(request(), durationMs);
    }

    @Override
    public void restore(Progress earlier) {
        super.restore(earlier);
        restartOnResize = ((SimulatedProgress) earlier).restartOnResize;
    }
}
