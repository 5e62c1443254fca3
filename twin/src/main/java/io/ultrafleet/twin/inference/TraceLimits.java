package io.ultrafleet.twin.inference;

import java.util.Locale;

/** What a request trace may hold: how many requests, over how long, and how long a line. */
final class TraceLimits {
    /** Most requests in a trace. */
    static final int MAX_REQUESTS = 20_000_000;

    /** The longest time from the first request to the last: 31 days. */
    static final long MAX_SPAN_MS = 31L * 86_400_000L;

    /** The longest line of a trace (a Mooncake line holds up to 20,000 block hashes). */
    static final int MAX_LINE = 1 << 20;

    /** Most block hashes of one request: one per 512 prompt tokens of the largest prompt, and one more. */
    static final int MAX_HASHES_PER_REQUEST = AzureTraceReader.MAX_TOKENS / InferenceTrace.BLOCK_TOKENS + 1;

    /** Most block hashes in a trace. */
    static final long MAX_HASHES = 100_000_000L;

    private TraceLimits() {}

    /** Refuses a trace whose requests span more than {@link #MAX_SPAN_MS}. */
    static void checkSpan(String file, long firstMs, long lastMs) {
        if (lastMs - firstMs > MAX_SPAN_MS) {
            throw new InferenceTraceException(
                    file,
                    0,
                    "",
                    String.format(
                            Locale.ROOT,
                            "the requests span %.1f days from the first to the last, allowed at most %d days (a"
                                    + " timestamp may be wrong)",
                            (lastMs - firstMs) / 86_400_000.0,
                            MAX_SPAN_MS / 86_400_000L));
        }
    }
}
