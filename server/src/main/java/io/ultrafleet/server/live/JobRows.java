package io.ultrafleet.server.live;

import io.ultrafleet.server.store.JobProgress;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import io.ultrafleet.workload.Progress;
import io.ultrafleet.workload.WaitReason;

/** A live job's row in the database, as it is now. */
final class JobRows {
    private JobRows() {}

    /**
     * @param endedAt when it ended, if it did in this turn
     * @param exitCode its command's exit code, if it ended with one in this turn
     */
    static JobProgress of(LiveJob lj, Long endedAt, Integer exitCode) {
        Job j = lj.job;
        String state = switch (j.state()) {
            case PENDING -> JobRow.QUEUED;
            case RUNNING -> JobRow.RUNNING;
            case COMPLETED -> exitCode == null || exitCode == 0 ? JobRow.SUCCEEDED : JobRow.FAILED;
            case FAILED -> JobRow.FAILED;
            case CANCELLED -> JobRow.CANCELLED;
        };
        boolean waiting = j.state() == JobState.PENDING;
        Progress p = j.progress();
        // a running job that changed size in its run: where a restarted server takes it back from
        boolean resized = j.state() == JobState.RUNNING && p.resizedAt() > j.startMs();
        return new JobProgress(
                lj.id(),
                state,
                j.priority(),
                j.runs(),
                j.firstStartMs() < 0 ? null : j.firstStartMs(),
                j.startMs() < 0 ? null : j.startMs(),
                endedAt,
                j.progress().savedWorkMs(),
                j.state() == JobState.RUNNING ? j.allocatedGpus() : 0,
                waiting && j.waitReason() != WaitReason.NONE ? j.waitReason().key() : null,
                waiting ? j.waitDetail() : null,
                exitCode,
                endedAt == null ? null : p.workDoneMs(endedAt),
                resized ? p.resizedAt() : null,
                resized ? p.workAtResizeMs() : null);
    }
}
