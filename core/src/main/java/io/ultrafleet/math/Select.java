package io.ultrafleet.math;

import java.util.Arrays;

/**
 * The k-th smallest of an array's values, in expected O(n) (quickselect with a median-of-three pivot and a three-way
 * partition, so runs of equal values, such as the many racks free now or the many jobs that waited no time, cost
 * nothing extra; a range that is still long after many rounds is sorted instead, so no order of values makes it
 * quadratic). Reorders the values in place, which later selections on the same array do not mind: afterwards every
 * value before index k is at most the k-th and every value after it at least.
 */
public final class Select {
    /** Partition rounds after which the rest of the range is sorted: far more than random values ever take. */
    private static final int MAX_ROUNDS = 64;

    private Select() {}

    /** The value that would be at index {@code k} (0-based) were {@code a[0..n)} sorted. */
    public static long kth(long[] a, int n, int k) {
        return kth(a, 0, n, k);
    }

    /**
     * The value that would be at index {@code k} were {@code a[from..to)} sorted in place, {@code k} counted from the
     * array's start (so {@code from <= k < to}); it is left at index {@code k}.
     */
    public static long kth(long[] a, int from, int to, int k) {
        return kth(a, from, to, k, MAX_ROUNDS);
    }

    /** As {@link #kth(long[], int, int, int)}, sorting what is left after {@code maxRounds} partition rounds. */
    static long kth(long[] a, int from, int to, int k, int maxRounds) {
        if (k < from || k >= to) {
            throw new IllegalArgumentException("k " + k + " outside " + from + ".." + (to - 1));
        }
        int lo = from;
        int hi = to - 1;
        for (int round = 0; lo < hi; round++) {
            if (round == maxRounds) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            long pivot = medianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            // Three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                long v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[lo];
    }

    private static long medianOfThree(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
