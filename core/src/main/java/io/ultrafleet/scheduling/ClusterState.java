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
    private final java.util.LinkedHashSet<Job> elastic = new java.util.LinkedHashSet<>();
    private final java.util.LinkedHashSet<Job> belowFull = new java.util.LinkedHashSet<>();
    // running elastic jobs above their minimum size (they could shrink for a higher priority), counted by priority
    private final java.util.HashSet<Job> aboveMin = new java.util.HashSet<>();
    private final java.util.TreeMap<Integer, Integer> aboveMinByPriority = new java.util.TreeMap<>();

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

    /**
     * Starts {@code job} at {@code now} on {@code p}: takes the units, records the holder, charges the queue. An elastic
     * job placed on less than its full size computes on the GPUs it got.
     */
    public void start(Job job, Placement p, long now) {
        for (int i = 0; i < p.racks().length; i++) {
            fleet.allocate(p.racks()[i], p.unitMasks()[i]);
        }
        job.start(now, p.racks(), p.unitMasks(), p.allocatedGpus(), Math.min(job.gpus(), p.allocatedGpus()));
        occupancy.add(job, p);
        account(job.queue(), job.racks(), job.unitMasks(), true);
        if (job.isElastic()) {
            elastic.add(job);
            trackSize(job);
        }
        runningByPriority.merge(job.priority(), 1, Integer::sum);
    }

    /**
     * Takes {@code racks} (whole racks the job holds) from the running elastic {@code job} at {@code now}; it carries
     * on on the rest. Returns the racks that left the fleet because they were draining.
     */
    public int shrink(Job job, int[] racks, long now) {
        long[] masks = new long[racks.length];
        java.util.Set<Integer> gone = new java.util.HashSet<>();
        for (int i = 0; i < racks.length; i++) {
            masks[i] = maskOf(job, racks[i]);
            gone.add(racks[i]);
        }
        occupancy.remove(job, racks, masks);
        account(job.queue(), racks, masks, false);
        int retired = 0;
        for (int i = 0; i < racks.length; i++) {
            if (fleet.release(racks[i], masks[i])) {
                retired++;
            }
        }
        int n = job.racks().length - racks.length;
        int[] keep = new int[n];
        long[] keepMasks = new long[n];
        int k = 0;
        int gpus = 0;
        for (int i = 0; i < job.racks().length; i++) {
            if (!gone.contains(job.racks()[i])) {
                keep[k] = job.racks()[i];
                keepMasks[k] = job.unitMasks()[i];
                gpus += Long.bitCount(keepMasks[k])
                        * fleet.model(fleet.rackModel(keep[k])).gpusPerUnit();
                k++;
            }
        }
        job.resize(now, keep, keepMasks, gpus, Math.min(job.gpus(), gpus));
        occupancy.remove(job, keep, keepMasks);
        occupancy.add(job, keep, keepMasks);
        trackSize(job);
        return retired;
    }

    /** Gives the running elastic {@code job} the extra units of {@code extra} at {@code now}. */
    public void grow(Job job, Placement extra, long now) {
        for (int i = 0; i < extra.racks().length; i++) {
            fleet.allocate(extra.racks()[i], extra.unitMasks()[i]);
        }
        int n = job.racks().length + extra.racks().length;
        int[] racks = java.util.Arrays.copyOf(job.racks(), n);
        long[] masks = java.util.Arrays.copyOf(job.unitMasks(), n);
        System.arraycopy(extra.racks(), 0, racks, job.racks().length, extra.racks().length);
        System.arraycopy(extra.unitMasks(), 0, masks, job.racks().length, extra.racks().length);
        int gpus = job.allocatedGpus() + extra.allocatedGpus();
        occupancy.remove(job);
        job.resize(now, racks, masks, gpus, Math.min(job.gpus(), gpus));
        occupancy.add(job, racks, masks);
        account(job.queue(), extra.racks(), extra.unitMasks(), true);
        trackSize(job);
    }

    private void trackSize(Job job) {
        if (job.allocatedGpus() < job.gpus()) {
            belowFull.add(job);
        } else {
            belowFull.remove(job);
        }
        if (job.allocatedGpus() > job.minGpus()) {
            if (aboveMin.add(job)) {
                aboveMinByPriority.merge(job.priority(), 1, Integer::sum);
            }
        } else {
            untrackAboveMin(job);
        }
    }

    private void untrackAboveMin(Job job) {
        if (aboveMin.remove(job)) {
            aboveMinByPriority.computeIfPresent(job.priority(), (k, v) -> v == 1 ? null : v - 1);
        }
    }

    /**
     * The lowest priority among running elastic jobs above their minimum size (those that could shrink to make room),
     * or {@link Integer#MAX_VALUE} when there is none.
     */
    public int lowestShrinkablePriority() {
        return aboveMinByPriority.isEmpty() ? Integer.MAX_VALUE : aboveMinByPriority.firstKey();
    }

    /** Running elastic jobs holding less than their full size, in the order they got there. */
    public java.util.Collection<Job> elasticBelowFullSize() {
        return java.util.Collections.unmodifiableCollection(belowFull);
    }

    /** Running elastic jobs, in the order they started. */
    public java.util.Collection<Job> runningElastic() {
        return java.util.Collections.unmodifiableCollection(elastic);
    }

    private static long maskOf(Job job, int rack) {
        for (int i = 0; i < job.racks().length; i++) {
            if (job.racks()[i] == rack) {
                return job.unitMasks()[i];
            }
        }
        throw new IllegalArgumentException(job + " does not hold rack " + rack);
    }

    /**
     * Charges (or refunds) a queue for the given units, by model and site: summed first, so that a gang of hundreds of
     * racks at one site is one charge, not one per rack.
     */
    private void account(int queue, int[] racks, long[] masks, boolean charge) {
        int models = fleet.modelCount();
        long[] gpus = new long[fleet.topology().siteCount() * models];
        for (int i = 0; i < racks.length; i++) {
            int model = fleet.rackModel(racks[i]);
            int site = fleet.topology().blockSite(fleet.rackBlock(racks[i]));
            gpus[site * models + model] +=
                    (long) Long.bitCount(masks[i]) * fleet.model(model).gpusPerUnit();
        }
        for (int cell = 0; cell < gpus.length; cell++) {
            if (gpus[cell] == 0) {
                continue;
            }
            if (charge) {
                queues.charge(queue, cell % models, cell / models, gpus[cell]);
            } else {
                queues.refund(queue, cell % models, cell / models, gpus[cell]);
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
        account(job.queue(), job.racks(), job.unitMasks(), false);
        elastic.remove(job);
        belowFull.remove(job);
        untrackAboveMin(job);
        runningByPriority.computeIfPresent(job.priority(), (k, v) -> v == 1 ? null : v - 1);
        return retired;
    }
}
