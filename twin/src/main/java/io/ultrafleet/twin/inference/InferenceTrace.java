package io.ultrafleet.twin.inference;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The requests of an LLM inference trace, in arrival order: arrival time (milliseconds since the first request),
 * prompt tokens and output tokens, and, when the trace has them (Mooncake), the prompt's prefix block hashes, one per
 * {@value #BLOCK_TOKENS} tokens. Held as arrays, one entry per request. Read one with {@link TraceFormat#read}.
 */
public final class InferenceTrace {
    /** Tokens per prefix block of the Mooncake traces' {@code hash_ids}. */
    public static final int BLOCK_TOKENS = 512;

    private final String name;
    private final TraceFormat format;
    private final long[] arrivalMs;
    private final int[] inputTokens;
    private final int[] outputTokens;
    private final int[][] blockHashes;

    /**
     * @param name what the trace is called in messages (the file as given)
     * @param arrivalMs arrival times in any unit origin; they are sorted (stably) and shifted to start at 0
     * @param blockHashes per request, its prompt's prefix block hashes; null for a trace without them
     */
    public InferenceTrace(
            String name,
            TraceFormat format,
            long[] arrivalMs,
            int[] inputTokens,
            int[] outputTokens,
            int[][] blockHashes) {
        int n = arrivalMs.length;
        if (n == 0
                || inputTokens.length != n
                || outputTokens.length != n
                || (blockHashes != null && blockHashes.length != n)) {
            throw new IllegalArgumentException("a trace needs at least one request and one value per request");
        }
        this.name = name;
        this.format = format;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = arrivalMs[i] >= arrivalMs[i - 1];
        }
        int[] order = sorted
                ? IntStream.range(0, n).toArray()
                : IntStream.range(0, n)
                        .boxed()
                        .sorted(Comparator.comparingLong(i -> arrivalMs[i]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        long first = arrivalMs[order[0]];
        this.arrivalMs = new long[n];
        this.inputTokens = new int[n];
        this.outputTokens = new int[n];
        this.blockHashes = blockHashes == null ? null : new int[n][];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            this.arrivalMs[k] = arrivalMs[i] - first;
            this.inputTokens[k] = inputTokens[i];
            this.outputTokens[k] = outputTokens[i];
            if (blockHashes != null) {
                this.blockHashes[k] = blockHashes[i];
            }
        }
    }

    public String name() {
        return name;
    }

    public TraceFormat format() {
        return format;
    }

    public int size() {
        return arrivalMs.length;
    }

    /** Arrival of request {@code i}, milliseconds after the first request. */
    public long arrivalMs(int i) {
        return arrivalMs[i];
    }

    public int inputTokens(int i) {
        return inputTokens[i];
    }

    public int outputTokens(int i) {
        return outputTokens[i];
    }

    /** The arrival of the last request, milliseconds after the first. */
    public long spanMs() {
        return arrivalMs[arrivalMs.length - 1];
    }

    /** Whether the trace gives prefix block hashes, so a prefix cache can be replayed. */
    public boolean hasBlockHashes() {
        return blockHashes != null;
    }

    /**
     * Prompt tokens of each request found in a prefix cache of {@code capacityTokens} shared by the pool (see {@link
     * PrefixCache}), looked up and filled in arrival order. All zero when the trace has no block hashes or the
     * capacity is zero.
     */
    public int[] cachedTokens(long capacityTokens) {
        int[] cached = new int[size()];
        long blocks = capacityTokens / BLOCK_TOKENS;
        if (blockHashes == null || blocks == 0) {
            return cached;
        }
        PrefixCache cache = new PrefixCache(blocks);
        for (int i = 0; i < size(); i++) {
            int hit = cache.lookupAndInsert(blockHashes[i]);
            cached[i] = (int) Math.min((long) hit * BLOCK_TOKENS, Math.max(0, inputTokens[i] - 1));
        }
        return cached;
    }

    /** Total prompt tokens. */
    public long totalInputTokens() {
        return Arrays.stream(inputTokens).asLongStream().sum();
    }

    /** Total output tokens. */
    public long totalOutputTokens() {
        return Arrays.stream(outputTokens).asLongStream().sum();
    }
}
