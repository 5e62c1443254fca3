package io.ultrafleet.twin.serving;

import io.ultrafleet.workload.Job;
import java.util.List;

/** What the serving side asks of the run that hosts it: replica jobs made, submitted to and withdrawn from the scheduler. */
public interface ReplicaHost {
    /** A new replica job for {@code queue}, of {@code gpus} GPUs on one of {@code models}, submitted at {@code now}. */
    Job newReplica(String name, String queue, int gpus, List<String> models, long now);

    /** Hands the replica to the scheduler. */
    void submitReplica(Job replica);

    /** Takes the replica back: stops it if it runs, withdraws it if it waits. */
    void withdrawReplica(Job replica);

    /** GPUs the running jobs of {@code queue} compute on now. */
    long queueBusyGpus(String queue);
}
