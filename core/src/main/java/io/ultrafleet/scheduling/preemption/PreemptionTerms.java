package io.ultrafleet.scheduling.preemption;

/**
 * The figures a weighing policy uses.
 *
 * @param maxCostRatio the most a set of victims may cost per GPU-millisecond the waiting job gains, > 0
 * @param gainWindowMs how far ahead a preemption's gain is counted: the waiting job's GPUs for this long, or for its
 *     expected run if shorter; > 0
 * @param requeueDelayMs the time a stopped job is expected to wait to be placed again, charged for each GPU it held
 */
public record PreemptionTerms(double maxCostRatio, long gainWindowMs, long requeueDelayMs) {
    /** A set of victims may cost up to 4 times an hour of the waiting job's GPUs; a requeue costs 10 minutes. */
    public static final PreemptionTerms DEFAULT = new PreemptionTerms(4.0, 3_600_000L, 600_000L);

    public PreemptionTerms {
        if (!(maxCostRatio > 0) || Double.isInfinite(maxCostRatio)) {
            throw new IllegalArgumentException("maxCostRatio must be a number > 0");
        }
        if (gainWindowMs <= 0 || requeueDelayMs < 0) {
            throw new IllegalArgumentException("gainWindowMs must be > 0 and requeueDelayMs >= 0");
        }
    }
}
