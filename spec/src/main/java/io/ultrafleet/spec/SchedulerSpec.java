package io.ultrafleet.spec;

import io.ultrafleet.scheduling.preemption.PreemptionPolicies;
import io.ultrafleet.scheduling.preemption.PreemptionTerms;

/**
 * How the scheduler runs.
 *
 * @param queueDepth jobs examined per scheduling cycle at most
 * @param backfillIntervalMs how often backfill reservations are recomputed; 0 turns backfill off
 * @param backfillMaxGangs waiting gangs that get a reservation per pass, at most
 * @param preemption whether a higher priority class may stop lower ones
 * @param victimOrder name of the victim order preemption uses
 * @param placement how sites and providers are chosen
 * @param preemptionPolicy name of the policy that weighs a preemption's cost against its gain
 * @param preemptionTerms the figures that policy weighs with
 * @param cycleIntervalMs how often scheduling cycles may run: 0 runs one at every instant something changed; above 0,
 *     the changes of each interval are answered by one cycle at its end
 */
public record SchedulerSpec(
        int queueDepth,
        long backfillIntervalMs,
        int backfillMaxGangs,
        boolean preemption,
        String victimOrder,
        PlacementSpec placement,
        String preemptionPolicy,
        PreemptionTerms preemptionTerms,
        long cycleIntervalMs) {
    public static final SchedulerSpec DEFAULT = new SchedulerSpec(200, 3_600_000L, 16, true, "least-lost-work");

    /** A scheduler with the default placement and preemption policy. */
    public SchedulerSpec(
            int queueDepth, long backfillIntervalMs, int backfillMaxGangs, boolean preemption, String victimOrder) {
        this(queueDepth, backfillIntervalMs, backfillMaxGangs, preemption, victimOrder, PlacementSpec.DEFAULT);
    }

    /** A scheduler that runs a cycle at every instant something changed. */
    public SchedulerSpec(
            int queueDepth,
            long backfillIntervalMs,
            int backfillMaxGangs,
            boolean preemption,
            String victimOrder,
            PlacementSpec placement,
            String preemptionPolicy,
            PreemptionTerms preemptionTerms) {
        this(
                queueDepth,
                backfillIntervalMs,
                backfillMaxGangs,
                preemption,
                victimOrder,
                placement,
                preemptionPolicy,
                preemptionTerms,
                0L);
    }

    /** A scheduler with the default preemption policy. */
    public SchedulerSpec(
            int queueDepth,
            long backfillIntervalMs,
            int backfillMaxGangs,
            boolean preemption,
            String victimOrder,
            PlacementSpec placement) {
        this(
                queueDepth,
                backfillIntervalMs,
                backfillMaxGangs,
                preemption,
                victimOrder,
                placement,
                PreemptionPolicies.defaultPolicy().name(),
                PreemptionTerms.DEFAULT);
    }

    /** This scheduler with cycles every {@code ms} milliseconds (0: at every instant something changed). */
    public SchedulerSpec withCycleInterval(long ms) {
        return new SchedulerSpec(
                queueDepth,
                backfillIntervalMs,
                backfillMaxGangs,
                preemption,
                victimOrder,
                placement,
                preemptionPolicy,
                preemptionTerms,
                ms);
    }
}
