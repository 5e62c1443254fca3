package io.ultrafleet.math;

/**
 * Sums and products of non-negative quantities (GPU-milliseconds, bytes) that stop at {@link Long#MAX_VALUE} instead of
 * overflowing: a cost or an estimate too large to count is "more than anything", never a negative number.
 */
public final class Saturating {
    private Saturating() {}

    /** {@code a + b}, or {@link Long#MAX_VALUE} if that overflows. */
    public static long add(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }

    /** {@code a * b} for non-negative values, or {@link Long#MAX_VALUE} if that overflows. */
    public static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
