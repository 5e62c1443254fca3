package io.ultrafleet.twin.inference;

/**
 * What a pool does with requests it cannot start at once: queue them for as long as it takes, or shed those that
 * have waited longer than {@code maxQueueWaitMs}. A shed request is counted as missing its SLO.
 *
 * @param maxQueueWaitMs longest a request waits for a replica before it is shed; 0 means it is never shed
 */
public record Overload(long maxQueueWaitMs) {
    public Overload {
        if (maxQueueWaitMs < 0) {
            throw new IllegalArgumentException("maxQueueWaitMs: allowed an integer >= 0 (0 = queue, never shed)");
        }
    }

    /** Queue every request until a replica takes it. */
    public static Overload queue() {
        return new Overload(0);
    }

    /** Shed requests that waited longer than {@code maxQueueWaitMs}. */
    public static Overload shedAfter(long maxQueueWaitMs) {
        if (maxQueueWaitMs <= 0) {
            throw new IllegalArgumentException("maxQueueWaitMs: allowed an integer >= 1");
        }
        return new Overload(maxQueueWaitMs);
    }

    public boolean sheds() {
        return maxQueueWaitMs > 0;
    }
}
