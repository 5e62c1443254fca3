package io.ultrafleet.scheduling.preemption;

/** Sums and products of GPU-millisecond costs that stop at {@link Long#MAX_VALUE} instead of overflowing. */
final class Costs {
    private Costs() {}

    static long saturatingAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }

    static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }
}
