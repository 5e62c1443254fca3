package io.ultrafleet.twin.inference;

/** Small service profiles with round numbers, for hand-computed expectations. */
final class TestProfiles {
    private TestProfiles() {}

    /**
     * One GPU; 100 output tokens/s at a TPOT of 100 ms, so the batch at target is 10; a 10 ms one-sequence step, so
     * {@code t1} = 9 ms; 10,000 prefill tokens/s ({@code tp} = 0.1 ms); chunks of 500 tokens (50 ms of compute); at
     * most 20 sequences; TTFT target 1 s.
     */
    static ServiceProfile round() {
        return new ServiceProfile("round", "test", "none", 1, 100, 10_000, 20, 500, 10_000, 1_000, 100, 0);
    }

    /** {@link #round()} with a prefill so fast that it costs nothing: a pure decode server. */
    static ServiceProfile decodeOnly() {
        return new ServiceProfile("decode", "test", "none", 1, 100, 1e12, 1_000, 1_000, 10_000, 1_000, 100, 0);
    }
}
