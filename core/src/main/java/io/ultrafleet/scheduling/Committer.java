package io.ultrafleet.scheduling;

import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.workload.Job;

/**
 * Applies the decisions of a scheduling cycle. The cycle only reads the fleet; the driver (the twin, later the
 * control plane) supplies the one committer that changes it, so that each decision is applied before the next one
 * is made.
 */
public interface Committer {
    /** Starts {@code job} on {@code placement}: takes the units, charges the quota, and whatever the driver adds. */
    void start(Job job, Placement placement);

    /**
     * Stops running {@code victim} to make room for {@code forJob}, of higher priority: gives back its units and puts
     * it back to pending from its last checkpoint ({@link Job#preempt}). The cycle re-queues it after its walk.
     */
    void preempt(Job victim, Job forJob);

    /**
     * Takes whole {@code racks} from the running elastic {@code donor} to make room for {@code forJob} ({@link
     * ClusterState#shrink}); the donor carries on, smaller.
     */
    void shrink(Job donor, int[] racks, Job forJob);

    /** Gives the running elastic {@code job} the extra racks of {@code extra} ({@link ClusterState#grow}). */
    void grow(Job job, Placement extra);
}
