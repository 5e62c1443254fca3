package io.ultrafleet.server.live;

import io.ultrafleet.workload.CheckpointedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.Progress;

/**
 * A live job's progress: the scheduler is told the job's estimate (its duration times its estimate factor), but the
 * job runs for its declared duration, as the twin's jobs run for their true one. Each start or resize says when the
 * run will end at its size, for the executor.
 */
final class LiveProgress extends CheckpointedProgress {
    private final long durationMs;
    private long endsAt = Long.MAX_VALUE;

    LiveProgress(JobRequest request, long savedMs, long durationMs) {
        super(request, savedMs);
        this.durationMs = durationMs;
    }

    /** When the running {@code job} ends, in the server's clock. */
    static long endOf(Job job) {
        return job.progress() instanceof LiveProgress p ? p.endsAt : job.expectedEndMs();
    }

    @Override
    protected long workLimitMs() {
        return durationMs;
    }

    @Override
    public void started(long now, int gpus, boolean restart) {
        super.started(now, gpus, restart);
        endsAt = end(now);
    }

    @Override
    public void resized(long now, int gpus) {
        super.resized(now, gpus);
        endsAt = end(now);
    }

    @Override
    public void resumeFrom(long resizedAt, long workMs) {
        super.resumeFrom(resizedAt, workMs);
        endsAt = end(resizedAt);
    }

    private long end(long now) {
        long end = now + msToReach(now, durationMs);
        return end < now ? Long.MAX_VALUE : end;
    }

    @Override
    protected CheckpointedProgress blank() {
        return new LiveProgress(request(), 0, durationMs);
    }

    @Override
    public void restore(Progress earlier) {
        super.restore(earlier);
        endsAt = ((LiveProgress) earlier).endsAt;
    }
}
