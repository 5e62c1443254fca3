package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.scheduling.placement.Holds;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One pass of the scheduler over the pending queue. Passive: it reads the cluster, decides, and hands each start to
 * the {@link Committer}; no clock but the {@code now} it is given, no threads, no I/O.
 *
 * <p>Rules, in order: jobs are examined by priority, then age (at most {@code queueDepth} per cycle, as in a batch
 * scheduler's queue depth); a job over its queue's quota waits; a gang that could fit the fleet but finds too few
 * wholly free racks holds the racks it would use ({@link Holds}) from every job after it in this cycle, so that
 * smaller work cannot starve it, except for jobs expected to end before the gang's reserved start (backfill, with the
 * reservations of the last {@link io.ultrafleet.scheduling.backfill.ReservationPass}); anything else starts where the
 * placer finds room.
 */
public final class SchedulingCycle {
    private final int queueDepth;

    public SchedulingCycle(int queueDepth) {
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queueDepth must be >= 1");
        }
        this.queueDepth = queueDepth;
    }

    public CycleStats run(
            long now, ClusterState cluster, PendingQueue pending, Reservations reservations, Committer committer) {
        FleetView fleet = cluster.fleet();
        QueueBook queues = cluster.queues();
        // 1. Nothing to do without pending work or free capacity.
        if (pending.isEmpty() || !anyFree(fleet)) {
            return new CycleStats(0, 0);
        }
        // 2. Decide job by job, in rank order. Each start is applied at once through the committer; started jobs
        //    leave the queue after the walk, so the queue is not changed under its iterator.
        Holds holds = new Holds(fleet, now);
        int examined = 0;
        List<Job> started = new ArrayList<>();
        Iterator<Job> it = pending.iterator();
        while (it.hasNext() && examined < queueDepth) {
            Job job = it.next();
            examined++;
            if (!queues.fits(job.queue(), job.gpus())) {
                job.waitingBecause(WaitReason.QUOTA);
                continue;
            }
            Placer.Result r = Placer.place(holds.forJobEnding(job.expectedEndIfStartedAt(now)), job);
            if (r.placed()) {
                if (!queues.fits(job.queue(), r.placement().allocatedGpus())) {
                    job.waitingBecause(WaitReason.QUOTA);
                    continue;
                }
                committer.start(job, r.placement());
                started.add(job);
                if (!anyFree(fleet)) {
                    break;
                }
                continue;
            }
            if (r.reason() == WaitReason.NO_CAPACITY) {
                boolean heldBack = holds.any() && Placer.place(fleet, job).placed();
                job.waitingBecause(heldBack ? WaitReason.HELD_FOR_GANG : WaitReason.NO_CAPACITY);
                holds.holdFor(job, reservations.of(job));
            } else {
                job.waitingBecause(r.reason());
            }
        }
        // 3. Started jobs leave the queue.
        for (Job j : started) {
            pending.remove(j);
        }
        return new CycleStats(examined, started.size());
    }

    private static boolean anyFree(FleetView fleet) {
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (fleet.freeUnits(m) > 0) {
                return true;
            }
        }
        return false;
    }
}
