package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.workload.Job;

/**
 * Everything the scheduler's decisions change, applied in one place: the fleet's free capacity, who holds which
 * units, and queue usage. Drivers (the twin, later the control plane) commit starts and ends through it, so the three
 * never disagree.
 */
public final class ClusterState {
    private final FleetState fleet;
    private final Occupancy occupancy;
    private final QueueBook queues;
    private final java.util.TreeMap<Integer, Integer> runningByPriority = new java.util.TreeMap<>();

    public ClusterState(FleetState fleet, QueueBook queues) {
        this.fleet = fleet;
        this.occupancy = new Occupancy(fleet);
        this.queues = queues;
    }

    public FleetState fleet() {
        return fleet;
    }

    public Occupancy occupancy() {
        return occupancy;
    }

    public QueueBook queues() {
        return queues;
    }

    /** Starts {@code job} at {@code now} on {@code p}: takes the units, records the holder, charges the queue. */
    public void start(Job job, Placement p, long now) {
        for (int i = 0; i < p.racks().length; i++) {
            fleet.allocate(p.racks()[i], p.unitMasks()[i]);
        }
        job.start(now, p.racks(), p.unitMasks(), p.allocatedGpus());
        occupancy.add(job, p);
        account(job, true);
        runningByPriority.merge(job.priority(), 1, Integer::sum);
    }

    /** Charges (or refunds) the job's queue for each rack it holds, by the rack's model and site. */
    private void account(Job job, boolean charge) {
        int[] racks = job.racks();
        long[] masks = job.unitMasks();
        for (int i = 0; i < racks.length; i++) {
            int model = fleet.rackModel(racks[i]);
            int site = fleet.topology().blockSite(fleet.rackBlock(racks[i]));
            long gpus = (long) Long.bitCount(masks[i]) * fleet.model(model).gpusPerUnit();
            if (charge) {
                queues.charge(job.queue(), model, site, gpus);
            } else {
                queues.refund(job.queue(), model, site, gpus);
            }
        }
    }

    /** The lowest priority among running jobs, or {@link Integer#MAX_VALUE} when none runs. */
    public int lowestRunningPriority() {
        return runningByPriority.isEmpty() ? Integer.MAX_VALUE : runningByPriority.firstKey();
    }

    /**
     * Gives back everything {@code job} holds (it ended, or was stopped) and returns the racks that left the fleet
     * because they were draining and are now empty.
     */
    public int release(Job job) {
        occupancy.remove(job);
        int retired = 0;
        for (int i = 0; i < job.racks().length; i++) {
            if (fleet.release(job.racks()[i], job.unitMasks()[i])) {
                retired++;
            }
        }
        account(job, false);
        runningByPriority.computeIfPresent(job.priority(), (k, v) -> v == 1 ? null : v - 1);
        return retired;
    }
}
