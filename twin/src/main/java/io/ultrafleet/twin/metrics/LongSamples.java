package io.ultrafleet.twin.metrics;

import java.util.Arrays;

/** A growable list of long samples with exact order statistics. */
public final class LongSamples {
    private long[] values = new long[64];
    private int size;
    private boolean sorted = true;

    public void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && v < values[size - 1]) {
            sorted = false;
        }
        values[size++] = v;
    }

    /** Adds every sample of {@code other}. */
    public void addAll(LongSamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int size() {
        return size;
    }

    /** The nearest-rank quantile {@code q} in [0, 1], or 0 with no samples. */
    public long quantile(double q) {
        if (size == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(q * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    public double mean() {
        if (size == 0) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += values[i];
        }
        return s / size;
    }
}
