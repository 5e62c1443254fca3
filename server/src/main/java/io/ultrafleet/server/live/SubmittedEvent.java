package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.DecisionWords;
import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.spec.JobSubmission;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.TrainingReader;
import io.ultrafleet.workload.Job;
import java.util.List;

/**
 * The first line of a job's history, "submitted to ...", made from the job's row when it is read rather than stored
 * beside it: the row holds the body the job was submitted with, which says all the line says, and a submission then
 * costs one row instead of two.
 */
public final class SubmittedEvent {
    private SubmittedEvent() {}

    /**
     * Event 0 of the history of {@code row}, whose queue is {@code queueName}; {@code fleet} resolves the job's models.
     */
    public static JobEvents.Event of(
            JobRow row, String queueName, HardwareCatalogue catalogue, long startMs, FleetView fleet) {
        String text;
        try {
            TrainingReader reader = new TrainingReader(catalogue, List.of(queueName), startMs, Long.MAX_VALUE);
            JobSubmission s = LiveLoader.submission(row, reader);
            Job job = JobFactory.create(s, row.id(), row.name(), row.queueId(), row.priority(), 0, fleet);
            text = DecisionWords.submitted(
                    job, queueName, s.job().durationMs(), job.request().estimateMs());
        } catch (ScenarioException | IllegalArgumentException e) {
            // a body that today's rules no longer read (its models retired, say): what the row alone says
            text = "submitted to " + queueName + ": " + row.gpus() + " GPUs, priority " + row.priority();
        }
        return new JobEvents.Event(0, row.submittedAt(), text);
    }
}
