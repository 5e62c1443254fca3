package io.ultrafleet.scheduling.backfill;

/**
 * The k-th smallest of an array's first n values, in expected O(n) (quickselect with a median-of-three pivot and a
 * three-way partition, so runs of equal values, such as the many racks free now, cost nothing extra). Reorders the
 * values in place, which later selections on the same array do not mind.
 */
final class Select {
    private Select() {}

    /** The value that would be at index {@code k} (0-based) were {@code a[0..n)} sorted. */
    static long kth(long[] a, int n, int k) {
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException("k " + k + " outside 0.." + (n - 1));
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
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
