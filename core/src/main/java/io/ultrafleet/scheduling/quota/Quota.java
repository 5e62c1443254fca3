package io.ultrafleet.scheduling.quota;

/**
 * A queue's quota of one flavour, in GPUs, as in Kueue's cluster queues: {@code nominal} is its own; it may borrow
 * up to {@code borrowingLimit} more from its cohort, and lends at most {@code lendingLimit} of its nominal quota to
 * the cohort (the rest is guaranteed to it).
 */
public record Quota(Flavor flavor, long nominal, long borrowingLimit, long lendingLimit) {
    public static final long UNLIMITED = Long.MAX_VALUE / 4;

    public Quota {
        if (nominal < 0 || borrowingLimit < 0 || lendingLimit < 0) {
            throw new IllegalArgumentException("quota figures must be >= 0");
        }
        lendingLimit = Math.min(lendingLimit, nominal);
    }

    /** A nominal quota that lends all of itself and may borrow without limit. */
    public static Quota of(Flavor flavor, long nominal) {
        return new Quota(flavor, nominal, UNLIMITED, nominal);
    }
}
