package io.ultrafleet.spec;

/**
 * How the scheduler runs.
 *
 * @param queueDepth jobs examined per scheduling cycle at most
 * @param backfillIntervalMs how often backfill reservations are recomputed; 0 turns backfill off
 * @param backfillMaxGangs waiting gangs that get a reservation per pass, at most
 * @param preemption whether a higher priority class may stop lower ones
 * @param victimOrder name of the victim order preemption uses
 * @param placement how sites and providers are chosen
 */
public record SchedulerSpec(
        int queueDepth,
        long backfillIntervalMs,
        int backfillMaxGangs,
        boolean preemption,
        String victimOrder,
        PlacementSpec placement) {
    public static final SchedulerSpec DEFAULT = new SchedulerSpec(200, 3_600_000L, 16, true, "least-lost-work");

    /** A scheduler with the default placement. */
    public SchedulerSpec(
            int queueDepth, long backfillIntervalMs, int backfillMaxGangs, boolean preemption, String victimOrder) {
        this(queueDepth, backfillIntervalMs, backfillMaxGangs, preemption, victimOrder, PlacementSpec.DEFAULT);
    }
}
