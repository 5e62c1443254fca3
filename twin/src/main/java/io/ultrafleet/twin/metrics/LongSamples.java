package io.ultrafleet.twin.metrics;

import io.ultrafleet.math.Select;
import java.util.Arrays;

/**
 * A growable list of long samples with exact order statistics. A quantile is selected, not sorted for: each selection
 * leaves a fence (every value before it at most every value after), so the next quantile searches only between the
 * fences around its rank, and a summary's p50, p95, p99 and maximum of millions of waits cost about two passes.
 */
public final class LongSamples {
    /** Fences kept at most; more would only narrow searches that are short already. */
    private static final int MAX_FENCES = 16;

    private long[] values = new long[64];
    private int size;
    private boolean sorted = true;
    /** Indices p where every value before p is at most every value from p on; none after an add. */
    private final int[] fences = new int[MAX_FENCES];

    private int fenceCount;

    public void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && v < values[size - 1]) {
            sorted = false;
        }
        values[size++] = v;
        fenceCount = 0;
    }

    /** Adds every sample of {@code other}. */
    public void addAll(LongSamples other) {
        int n = other.size;
        if (n == 0) {
            return;
        }
        if (size + n > values.length) {
            values = Arrays.copyOf(values, Math.max(size + n, values.length * 2));
        }
        if (!other.sorted || (size > 0 && other.values[0] < values[size - 1])) {
            sorted = false;
        }
        System.arraycopy(other.values, 0, values, size, n);
        // into an empty list, the other's fences hold as they are (a class of one queue selects no more than it did)
        fenceCount = size == 0 ? other.fenceCount : 0;
        System.arraycopy(other.fences, 0, fences, 0, fenceCount);
        size += n;
    }

    public int size() {
        return size;
    }

    /** The nearest-rank quantile {@code q} in [0, 1], or 0 with no samples. */
    public long quantile(double q) {
        if (size == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * size);
        int k = Math.max(0, Math.min(size - 1, rank - 1));
        if (sorted) {
            return values[k];
        }
        int from = 0;
        int to = size;
        for (int i = 0; i < fenceCount; i++) {
            int f = fences[i];
            if (f <= k) {
                from = Math.max(from, f);
            } else {
                to = Math.min(to, f);
            }
        }
        long v = Select.kth(values, from, to, k);
        fence(k);
        fence(k + 1);
        return v;
    }

    private void fence(int p) {
        if (fenceCount == MAX_FENCES || p >= size) {
            return;
        }
        for (int i = 0; i < fenceCount; i++) {
            if (fences[i] == p) {
                return; // a rank asked for again (the table after the JSON) leaves no second fence
            }
        }
        fences[fenceCount++] = p;
    }

    /** The mean, from the exact sum (so it does not depend on the order selections left the values in). */
    public double mean() {
        if (size == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < size; i++) {
            long v = values[i];
            long next = sum + v;
            if (((sum ^ next) & (v ^ next)) < 0) {
                return overflowingMean();
            }
            sum = next;
        }
        return (double) sum / size;
    }

    /** The mean of samples whose sum does not fit a long, summed in ascending order. */
    private double overflowingMean() {
        long[] ascending = Arrays.copyOf(values, size);
        Arrays.sort(ascending);
        double s = 0;
        for (long v : ascending) {
            s += v;
        }
        return s / size;
    }
}
