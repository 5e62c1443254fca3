package io.ultrafleet.workload;

/**
 * Progress measured against the run time the scheduler is told ({@link JobRequest#estimateMs()}), with the job's
 * checkpoints: a run advances at {@code efficiency x runGpus / gpus} full-size milliseconds per millisecond after its
 * restart overhead, checkpoints recur every interval from its last start or resize, and a stop keeps the work up to
 * the last one. Subclasses that know more (the twin knows each job's true duration) say how much work a job can have
 * done at most ({@link #workLimitMs()}).
 */
public class CheckpointedProgress implements Progress {
    private final JobRequest request;
    private final RunProgress clock;
    private long savedMs;
    private long expectedEnd;

    /** A job that has done no work yet. */
    public CheckpointedProgress(JobRequest request) {
        this(request, 0);
    }

    /** A job that has done {@code savedMs} of full-size work by its last checkpoint. */
    public CheckpointedProgress(JobRequest request, long savedMs) {
        if (savedMs < 0) {
            throw new IllegalArgumentException("saved work must be >= 0: " + savedMs);
        }
        this.request = request;
        this.clock = new RunProgress(request.gpus());
        this.savedMs = savedMs;
    }

    protected JobRequest request() {
        return request;
    }

    /** The most full-size work the job can have done: its end. */
    protected long workLimitMs() {
        return request.estimateMs();
    }

    @Override
    public void started(long now, int gpus, boolean restart) {
        clock.start(now, gpus, savedMs, restart ? request.restartOverheadMs() : 0, request.efficiency());
        updateExpectedEnd();
    }

    @Override
    public void resized(long now, int gpus) {
        clock.resize(now, gpus);
        updateExpectedEnd();
    }

    @Override
    public long stopped(long now) {
        long lost = lostWorkIfStoppedAt(now);
        keepToLastCheckpoint(now);
        return lost;
    }

    @Override
    public void checkpointedAndStopped(long now) {
        savedMs = Math.max(savedMs, Math.min(workLimitMs() - 1, (long) clock.doneAt(now)));
    }

    /** The run falls back to its last checkpoint at {@code now}: the work up to it is saved. */
    protected void keepToLastCheckpoint(long now) {
        savedMs = Math.max(savedMs, Math.min(workLimitMs() - 1, (long) clock.doneAt(lastCheckpointMs(now))));
    }

    @Override
    public int runGpus() {
        return clock.runGpus();
    }

    @Override
    public long expectedEnd() {
        return expectedEnd;
    }

    @Override
    public long expectedEndIfStartedAt(long startMs) {
        long end = startMs + Math.max(1, request.estimateMs() - savedMs);
        return end < startMs ? Long.MAX_VALUE : end;
    }

    private void updateExpectedEnd() {
        long anchor = clock.anchorMs();
        long end = anchor + clock.msToReach(anchor, request.estimateMs());
        expectedEnd = end < anchor ? Long.MAX_VALUE : end;
    }

    @Override
    public long resizedAt() {
        return clock.anchorMs();
    }

    @Override
    public long workAtResizeMs() {
        return (long) clock.doneAtAnchor();
    }

    @Override
    public void resumeFrom(long resizedAt, long workMs) {
        clock.resizedTo(resizedAt, workMs);
        updateExpectedEnd();
    }

    @Override
    public long workDoneMs(long now) {
        return Math.max(0, (long) clock.doneAt(now));
    }

    /** The last checkpoint of the current run at {@code now}: its last start or resize when it has none since. */
    public long lastCheckpointMs(long now) {
        long anchor = clock.progressStartMs();
        long interval = request.checkpointIntervalMs();
        if (interval <= 0 || now <= anchor) {
            return anchor;
        }
        return anchor + (now - anchor) / interval * interval;
    }

    /** GPU-milliseconds since the last checkpoint; 0 during the restart overhead, before any progress. */
    @Override
    public long lostWorkIfStoppedAt(long now) {
        return Math.max(0, now - lastCheckpointMs(now)) * clock.runGpus();
    }

    @Override
    public long lostWorkRate(long now) {
        return now < clock.progressStartMs() ? 0 : clock.runGpus();
    }

    @Override
    public long lostWorkSteadyUntil(long now) {
        long anchor = clock.progressStartMs();
        if (now < anchor) {
            return anchor;
        }
        long interval = request.checkpointIntervalMs();
        if (interval <= 0) {
            return Long.MAX_VALUE;
        }
        long next = anchor + ((now - anchor) / interval + 1) * interval;
        return next <= now ? Long.MAX_VALUE : next;
    }

    @Override
    public long savedWorkMs() {
        return savedMs;
    }

    /** Full-size milliseconds of work the running job has done by {@code now}. */
    public double doneAt(long now) {
        return clock.doneAt(now);
    }

    /** Milliseconds from {@code now} until the running job has done {@code workMs} of full-size work. */
    public long msToReach(long now, long workMs) {
        return clock.msToReach(now, workMs);
    }

    /**
     * Milliseconds from {@code now} until the running job has done {@code workMs}, had it been on {@code gpus} GPUs since
     * its last start or resize at {@code now} (as when a scheduling cycle resized it twice).
     */
    public long msToReach(long now, long workMs, int gpus) {
        return clock.msToReach(now, workMs, gpus);
    }

    @Override
    public Progress copy() {
        CheckpointedProgress c = blank();
        c.restore(this);
        return c;
    }

    /** A new progress of the same kind for the same job, for {@link #copy()}. */
    protected CheckpointedProgress blank() {
        return new CheckpointedProgress(request);
    }

    @Override
    public void restore(Progress earlier) {
        CheckpointedProgress e = (CheckpointedProgress) earlier;
        clock.setTo(e.clock);
        savedMs = e.savedMs;
        expectedEnd = e.expectedEnd;
    }
}
