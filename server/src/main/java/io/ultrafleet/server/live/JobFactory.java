package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.TrainingReader;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;

/**
 * Turns a submitted job into the scheduler core's job, as the twin turns a scenario's job into one: the run time the
 * scheduler is told is the declared duration times its estimate factor, while the job runs for its declared duration
 * (and the stalls of its checkpoints). A live server knows no failure rate, so Young's and Daly's rules keep no
 * checkpoints; a fixed interval is kept as given.
 */
public final class JobFactory {
    /** A mask no model matches: the job names only models this fleet never gets. */
    private static final long NO_MODEL_IN_FLEET = 1L << 63;

    private JobFactory() {}

    /**
     * The job {@code id} of queue {@code queue} at {@code priority}, submitted at {@code submitMs} (server's clock),
     * which has done {@code savedWorkMs} of full-size work by its last checkpoint.
     */
    public static Job create(
            JobSubmission s, long id, String name, int queue, int priority, long savedWorkMs, FleetView fleet) {
        TrainingSpec.JobSpec j = s.job();
        TrainingSpec.RecoverySpec recovery = j.recovery();
        long estimate = Math.max(1, Math.round(j.durationMs() * recovery.estimateFactor()));
        JobRequest request = JobRequest.of(id, name, queue, priority, j.submitMs(), j.gpus(), estimate)
                .topology(j.topology().required(), j.topology().preferred())
                .models(modelMask(j, fleet))
                .checkpointEvery(recovery.intervalMs(Long.MAX_VALUE))
                .recoveryCosts(recovery.checkpointStallMs(), recovery.restartOverheadMs())
                .elastic(recovery.minGpusOf(j.gpus(), false))
                .build();
        return new Job(request, new LiveProgress(request, savedWorkMs, j.durationMs()));
    }

    /**
     * The request of the job stored as {@code row}, read again from the body it was submitted with, as the scheduler
     * was told it (its estimate is the run time its user declared).
     *
     * @param reader a reader that knows the job's queue
     */
    public static JobRequest request(JobRow row, TrainingReader reader, FleetView fleet) {
        return create(
                        LiveLoader.submission(row, reader),
                        row.id(),
                        row.name(),
                        row.queueId(),
                        row.priority(),
                        row.savedWorkMs(),
                        fleet)
                .request();
    }

    private static long modelMask(TrainingSpec.JobSpec j, FleetView fleet) {
        if (j.models().isEmpty()) {
            return 0L;
        }
        long mask = 0;
        for (String m : j.models()) {
            int i = fleet.modelIndex(m);
            if (i >= 0) {
                mask |= 1L << i;
            }
        }
        return mask == 0 ? NO_MODEL_IN_FLEET : mask;
    }
}
