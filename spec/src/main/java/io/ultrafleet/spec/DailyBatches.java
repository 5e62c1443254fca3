package io.ultrafleet.spec;

/**
 * Splits {@code count} items arriving from {@code startMs} to {@code endMs} (both inclusive) into equal daily batches,
 * the remainder going to the earliest batches; at most one batch per item.
 */
public record DailyBatches(long count, long startMs, long endMs) {
    public static final long DAY_MS = 86_400_000L;

    public long batches() {
        long days = Math.max(1, (endMs - startMs) / DAY_MS + 1);
        return Math.min(days, count);
    }

    /** Epoch ms of batch {@code i}. */
    public long at(long i) {
        long n = batches();
        return n == 1 ? startMs : startMs + i * ((endMs - startMs) / (n - 1));
    }

    /** Items in batch {@code i}. */
    public long size(long i) {
        long n = batches();
        return count / n + (i < count % n ? 1 : 0);
    }
}
