package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.workload.Allocation;
import io.ultrafleet.workload.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the scheduler's decisions and the fleet's changes touch, changed in one place: the fleet's racks and
 * free capacity, who holds which units, and queue usage. It is the one writer: drivers (the twin, the live server)
 * and the scheduling cycle change the fleet and the jobs' allocations only through it, so the three never disagree;
 * everyone else reads the fleet through {@link #fleet()} and the holders through {@link #occupancy()}.
 *
 * <p>A change the cycle may still take back (a shrink or a preemption made for a job that then does not fit) is made
 * between {@link #mark()} and {@link #keep(int)} or {@link #rollback(int)}: rolled back, it leaves the jobs, the fleet
 * and the queues as they were.
 */
public final class ClusterState {
    private final FleetState fleet;
    private final Occupancy occupancy;
    private final QueueBook queues;
    private final PriorityCounts runningByPriority = new PriorityCounts();
    private final LinkedHashSet<Job> elastic = new LinkedHashSet<>();
    private final LinkedHashSet<Job> belowFull = new LinkedHashSet<>();
    // running elastic jobs above their minimum size (they could shrink for a higher priority), counted by priority
    private final HashSet<Job> aboveMin = new HashSet<>();
    private final PriorityCounts aboveMinByPriority = new PriorityCounts();
    // what to do to undo the changes made since the first open mark, newest first
    private final ArrayDeque<Runnable> undo = new ArrayDeque<>();
    // draining racks emptied while a mark is open: they leave the fleet when the change is kept
    private final List<Integer> emptiedWhileMarked = new ArrayList<>();
    private int openMarks;

    /** The cluster over {@code fleet}, which it owns from now on: change it only through this object. */
    public ClusterState(FleetState fleet, QueueBook queues) {
        this.fleet = fleet;
        this.occupancy = new Occupancy(fleet);
        this.queues = queues;
    }

    /** The fleet, read-only. */
    public FleetView fleet() {
        return fleet;
    }

    /** Who holds each unit, read-only. */
    public Occupancy occupancy() {
        return occupancy;
    }

    public QueueBook queues() {
        return queues;
    }

    // ---- capacity -------------------------------------------------------------------------------------------------

    /** A new rack of {@code model} comes online at {@code site}; returns its id. */
    public int addRack(int site, int model) {
        return fleet.addRack(site, model);
    }

    /**
     * Starts decommissioning a rack: it takes no new work, and leaves the fleet now if idle, else when its last job
     * ends. Returns true when it left at once.
     */
    public boolean decommission(int rack) {
        return fleet.decommission(rack);
    }

    /**
     * Takes free units of a rack out of service (failed, or kept as spares) until {@link #bringUp}. Stop the jobs on
     * them first.
     */
    public void takeDown(int rack, long mask) {
        fleet.takeDown(rack, mask);
    }

    /** Returns units to service; returns true when this emptied a draining rack, which then left the fleet. */
    public boolean bringUp(int rack, long mask) {
        return fleet.bringUp(rack, mask);
    }

    // ---- jobs -----------------------------------------------------------------------------------------------------

    /**
     * Starts {@code job} at {@code now} on {@code p}: takes the units, records the holder, charges the queue. An elastic
     * job placed on less than its full size computes on the GPUs it got.
     */
    public void start(Job job, Placement p, long now) {
        for (int i = 0; i < p.racks().length; i++) {
            fleet.allocate(p.racks()[i], p.unitMasks()[i]);
        }
        job.start(now, p.racks(), p.unitMasks(), p.allocatedGpus(), Math.min(job.gpus(), p.allocatedGpus()));
        joined(job);
    }

    /**
     * Takes back a job that was already running when this cluster was built (a server rebuilding its state): it holds
     * {@code p} again, in its {@code runs}-th run, started at {@code startedAt} (its first run at {@code
     * firstStartedAt}), from the work its progress has saved.
     */
    public void adopt(Job job, Placement p, long firstStartedAt, long startedAt, int runs) {
        adopt(job, p, firstStartedAt, startedAt, runs, startedAt, job.progress().savedWorkMs());
    }

    /**
     * As {@link #adopt(Job, Placement, long, long, int)}, for a run that last changed size at {@code resizedAt} with
     * {@code resizedWorkMs} of work done by then ({@link Job#resume(long, long, int, Allocation, long, long)}).
     */
    public void adopt(
            Job job, Placement p, long firstStartedAt, long startedAt, int runs, long resizedAt, long resizedWorkMs) {
        for (int i = 0; i < p.racks().length; i++) {
            fleet.allocate(p.racks()[i], p.unitMasks()[i]);
        }
        job.resume(
                firstStartedAt,
                startedAt,
                runs,
                new Allocation(p.racks(), p.unitMasks(), p.allocatedGpus()),
                resizedAt,
                resizedWorkMs);
        joined(job);
    }

    private void joined(Job job) {
        occupancy.add(job, job.racks(), job.unitMasks());
        account(job, job.racks(), job.unitMasks(), true);
        if (job.isElastic()) {
            elastic.add(job);
            trackSize(job);
        }
        runningByPriority.add(job.priority());
    }

    /** The running job ran to its end at {@code now}: its units are given back. Returns the racks that left. */
    public int finish(Job job) {
        int retired = release(job);
        job.complete();
        return retired;
    }

    /**
     * Stops the running {@code victim} at {@code now} for a job of a higher priority class: it gives back its units
     * and waits again from its last checkpoint. Returns the GPU-milliseconds of work it lost.
     */
    public long preempt(Job victim, long now) {
        Job.RunState before = victim.runState();
        release(victim);
        if (openMarks > 0) {
            undo.push(() -> rejoin(victim, before));
        }
        return victim.preempt(now);
    }

    /**
     * Stops the running {@code job} at {@code now} because the hardware or software under it failed: it gives back
     * its units and waits again from its last checkpoint. Returns the GPU-milliseconds of work lost.
     */
    public long interrupt(Job job, long now) {
        release(job);
        return job.interrupt(now);
    }

    /**
     * Stops the running {@code job} at {@code now} because its hardware is taken back with notice, after a checkpoint
     * that keeps all its work: it gives back its units and waits again.
     */
    public void interruptAfterCheckpoint(Job job, long now) {
        release(job);
        job.interruptAfterCheckpoint(now);
    }

    /**
     * Takes {@code racks} (whole racks the job holds) from the running elastic {@code job} at {@code now}; it carries
     * on on the rest. Returns the racks that left the fleet because they were draining.
     */
    public int shrink(Job job, int[] racks, long now) {
        Job.RunState before = job.runState();
        long[] masks = new long[racks.length];
        Set<Integer> gone = new HashSet<>();
        for (int i = 0; i < racks.length; i++) {
            masks[i] = maskOf(job, racks[i]);
            gone.add(racks[i]);
        }
        occupancy.remove(job, racks, masks);
        account(job, racks, masks, false);
        int retired = 0;
        for (int i = 0; i < racks.length; i++) {
            if (give(racks[i], masks[i])) {
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
        if (openMarks > 0) {
            undo.push(() -> unshrink(job, racks, masks, before));
        }
        return retired;
    }

    /** Gives the running elastic {@code job} the extra units of {@code extra} at {@code now}. */
    public void grow(Job job, Placement extra, long now) {
        for (int i = 0; i < extra.racks().length; i++) {
            fleet.allocate(extra.racks()[i], extra.unitMasks()[i]);
        }
        int n = job.racks().length + extra.racks().length;
        int[] racks = Arrays.copyOf(job.racks(), n);
        long[] masks = Arrays.copyOf(job.unitMasks(), n);
        System.arraycopy(extra.racks(), 0, racks, job.racks().length, extra.racks().length);
        System.arraycopy(extra.unitMasks(), 0, masks, job.racks().length, extra.racks().length);
        int gpus = job.allocatedGpus() + extra.allocatedGpus();
        occupancy.remove(job);
        job.resize(now, racks, masks, gpus, Math.min(job.gpus(), gpus));
        occupancy.add(job, racks, masks);
        account(job, extra.racks(), extra.unitMasks(), true);
        trackSize(job);
    }

    /**
     * Gives back everything {@code job} holds and returns the racks that left the fleet because they were draining
     * and are now empty; the job's own state is its caller's to change.
     */
    private int release(Job job) {
        occupancy.remove(job);
        int retired = 0;
        for (int i = 0; i < job.racks().length; i++) {
            if (give(job.racks()[i], job.unitMasks()[i])) {
                retired++;
            }
        }
        account(job, job.racks(), job.unitMasks(), false);
        if (job.isElastic()) {
            elastic.remove(job);
            belowFull.remove(job);
            untrackAboveMin(job);
        }
        runningByPriority.remove(job.priority());
        return retired;
    }

    /** Gives units back to the fleet; a draining rack emptied under an open mark leaves only when the change is kept. */
    private boolean give(int rack, long mask) {
        if (openMarks == 0) {
            return fleet.release(rack, mask);
        }
        fleet.release(rack, mask, false);
        emptiedWhileMarked.add(rack);
        return false;
    }

    // ---- changes that may be taken back ---------------------------------------------------------------------------

    /** Opens a mark: the preemptions and shrinks made from now on can be undone with {@link #rollback}. */
    int mark() {
        openMarks++;
        return undo.size();
    }

    /** Keeps the changes made since {@code mark}. */
    void keep(int mark) {
        close(mark);
    }

    /** Undoes the changes made since {@code mark}, newest first. */
    void rollback(int mark) {
        while (undo.size() > mark) {
            undo.pop().run();
        }
        close(mark);
    }

    private void close(int mark) {
        openMarks--;
        if (openMarks == 0) {
            undo.clear();
            for (int rack : emptiedWhileMarked) {
                fleet.retireIfDrained(rack);
            }
            emptiedWhileMarked.clear();
        }
    }

    /** Undoes a preemption: the job holds what it held and runs as it ran. */
    private void rejoin(Job job, Job.RunState before) {
        job.restore(before);
        for (int i = 0; i < job.racks().length; i++) {
            fleet.retake(job.racks()[i], job.unitMasks()[i]);
        }
        joined(job);
    }

    /** Undoes a shrink: the job holds its racks again and runs as it ran. */
    private void unshrink(Job job, int[] racks, long[] masks, Job.RunState before) {
        for (int i = 0; i < racks.length; i++) {
            fleet.retake(racks[i], masks[i]);
        }
        occupancy.remove(job);
        job.restore(before);
        occupancy.add(job, job.racks(), job.unitMasks());
        account(job, racks, masks, true);
        trackSize(job);
    }

    // ---- elastic jobs and priorities ------------------------------------------------------------------------------

    private void trackSize(Job job) {
        if (job.allocatedGpus() < job.gpus()) {
            belowFull.add(job);
        } else {
            belowFull.remove(job);
        }
        if (job.allocatedGpus() > job.minGpus()) {
            if (aboveMin.add(job)) {
                aboveMinByPriority.add(job.priority());
            }
        } else {
            untrackAboveMin(job);
        }
    }

    private void untrackAboveMin(Job job) {
        if (aboveMin.remove(job)) {
            aboveMinByPriority.remove(job.priority());
        }
    }

    /**
     * The lowest priority among running elastic jobs above their minimum size (those that could shrink to make room),
     * or {@link Integer#MAX_VALUE} when there is none.
     */
    public int lowestShrinkablePriority() {
        return aboveMinByPriority.lowest();
    }

    /** Running elastic jobs holding less than their full size, in the order they got there. */
    public Collection<Job> elasticBelowFullSize() {
        return Collections.unmodifiableCollection(belowFull);
    }

    /** Running elastic jobs, in the order they started. */
    public Collection<Job> runningElastic() {
        return Collections.unmodifiableCollection(elastic);
    }

    /** The lowest priority among running jobs, or {@link Integer#MAX_VALUE} when none runs. */
    public int lowestRunningPriority() {
        return runningByPriority.lowest();
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
     * Changes queue {@code queue}'s cohort, weight and quotas while {@code running} (its running jobs) hold GPUs: what
     * they hold is charged again under the new quotas. Returns false, changing nothing, when the new quotas have no
     * entry for a flavour (model and site) those jobs hold.
     */
    public boolean changeQueue(int queue, String cohort, double weight, List<Quota> quotas, Collection<Job> running) {
        return changeQueue(queue, cohort, weight, quotas, running, () -> {});
    }

    /**
     * As {@link #changeQueue(int, String, double, List, Collection)}, running {@code whileEmpty} while what the jobs
     * hold is refunded: a change of what the queue is charged as (its class under a concentration cap) made there
     * moves what they hold with it.
     */
    public boolean changeQueue(
            int queue, String cohort, double weight, List<Quota> quotas, Collection<Job> running, Runnable whileEmpty) {
        QueueBook probe = new QueueBook();
        int p = probe.add("probe", cohort, weight, quotas);
        for (Job j : running) {
            for (int rack : j.racks()) {
                if (!probe.covers(p, fleet.rackModel(rack), fleet.topology().blockSite(fleet.rackBlock(rack)))) {
                    return false;
                }
            }
        }
        for (Job j : running) {
            account(j, j.racks(), j.unitMasks(), false);
        }
        if (!queues.change(queue, cohort, weight, quotas)) {
            throw new IllegalStateException("queue " + queues.name(queue) + " still holds GPUs its jobs do not");
        }
        whileEmpty.run();
        for (Job j : running) {
            account(j, j.racks(), j.unitMasks(), true);
        }
        return true;
    }

    /**
     * Charges (or refunds) a queue for the given units, by model and site: summed first, so that a gang of hundreds of
     * racks at one site is one charge, not one per rack.
     */
    private void account(Job job, int[] racks, long[] masks, boolean charge) {
        int queue = job.queue();
        if (racks.length == 1) { // most jobs: one cell, nothing to sum
            int model = fleet.rackModel(racks[0]);
            int site = fleet.topology().blockSite(fleet.rackBlock(racks[0]));
            accountCell(
                    job,
                    queue,
                    model,
                    site,
                    (long) Long.bitCount(masks[0]) * fleet.model(model).gpusPerUnit(),
                    charge);
            return;
        }
        int models = fleet.modelCount();
        long[] gpus = new long[fleet.topology().siteCount() * models];
        for (int i = 0; i < racks.length; i++) {
            int model = fleet.rackModel(racks[i]);
            int site = fleet.topology().blockSite(fleet.rackBlock(racks[i]));
            gpus[site * models + model] +=
                    (long) Long.bitCount(masks[i]) * fleet.model(model).gpusPerUnit();
        }
        for (int cell = 0; cell < gpus.length; cell++) {
            accountCell(job, queue, cell % models, cell / models, gpus[cell], charge);
        }
    }

    private void accountCell(Job job, int queue, int model, int site, long gpus, boolean charge) {
        if (gpus == 0) {
            return;
        }
        if (charge) {
            queues.charge(queue, model, site, gpus);
        } else {
            queues.refund(queue, model, site, gpus);
        }
        queues.siteRules().held(job, model, site, charge ? gpus : -gpus);
    }
}
