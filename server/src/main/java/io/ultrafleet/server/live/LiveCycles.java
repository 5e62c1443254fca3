package io.ultrafleet.server.live;

import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.spec.Cycles;
import io.ultrafleet.spec.SchedulerSpec;

/**
 * The scheduler core's cycle as the live server runs it, with the scheduler section's settings: the backfill pass
 * when it is due, then one scheduling cycle; and what the last cycle that examined jobs passed over. Used by the
 * scheduler loop's thread only.
 */
final class LiveCycles {
    private final SchedulingCycle cycle;
    private final ReservationPass reservationPass;
    private final Reservations reservations = Reservations.none();
    private final long backfillIntervalMs;
    private final int queueDepth;
    private long nextBackfillAt;
    /** The last cycle that examined jobs: which queues it passed over because their quota was used up. */
    private CycleResult lastCycle;

    LiveCycles(SchedulerSpec scheduler) {
        this.cycle = Cycles.of(scheduler);
        this.reservationPass = new ReservationPass(scheduler.backfillMaxGangs());
        this.backfillIntervalMs = scheduler.backfillIntervalMs();
        this.queueDepth = scheduler.queueDepth();
    }

    /** Runs the backfill pass when due, then one scheduling cycle over {@code cluster} and {@code pending}. */
    CycleResult run(long now, ClusterState cluster, PendingQueue pending) {
        if (backfillIntervalMs > 0 && now >= nextBackfillAt) {
            nextBackfillAt = now + backfillIntervalMs;
            if (!pending.isEmpty()) {
                reservationPass.run(now, cluster.fleet(), cluster.occupancy(), pending, reservations);
            }
        }
        CycleResult result = cycle.run(now, cluster, pending, reservations);
        if (result.examined() > 0) {
            // an idle cycle examined no job (the fleet is full, or none waits): what the last one passed over holds
            lastCycle = result;
        }
        return result;
    }

    /**
     * Whether {@code result}, a cycle that made progress, used its whole queue depth and so left jobs of {@code
     * pending} it never looked at: another cycle should look at them at once (nothing else may come to wake the loop).
     */
    boolean leftJobsUnexamined(CycleResult result, PendingQueue pending) {
        return result.examined() >= queueDepth && !pending.isEmpty();
    }

    /**
     * Whether the last scheduling cycle that examined jobs passed over the rest of queue {@code queue}'s jobs,
     * because the queue's quota was used up.
     */
    boolean quotaPassedOver(int queue) {
        return lastCycle != null && lastCycle.passedOver(queue);
    }

    /** When the next backfill pass is due, in the server's clock; Long.MAX_VALUE when none is wanted. */
    long nextBackfillAt(PendingQueue pending) {
        return backfillIntervalMs > 0 && !pending.isEmpty() ? nextBackfillAt : Long.MAX_VALUE;
    }

    /** What the last backfill pass reserved for queued gangs. */
    Reservations reservations() {
        return reservations;
    }
}
