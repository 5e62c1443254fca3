package io.ultrafleet.twin.inference;

/**
 * How one replica of an inference service serves requests: the per-replica serving model that both the flow model
 * ({@link FlowModel}) and the request-level replay ({@link RequestLevelSimulator}) use, so that their results can be
 * held against each other. Built-in profiles, with the source of every number, are in {@link ServiceProfiles} and
 * {@code docs/model.md} ("Inference serving").
 *
 * <p>A replica serves with continuous batching. A decode step gives one output token to every sequence in the batch.
 * Its time is the larger of a memory time and a compute time (a roofline): reading the weights and the batch's KV
 * cache takes {@code t0 + t1 * b} for a batch of {@code b}, and computing takes {@code tokens / prefillRate}, where
 * {@code prefillRate = gpusPerReplica * prefillTokensPerGpuS}. {@code t0} is the step with one sequence and {@code
 * t1} is fixed so that at the TPOT target the replica delivers exactly its rated throughput, {@code gpusPerReplica *
 * decodeTokensPerGpuS} output tokens per second. While a prompt is being prefilled, each step also processes {@code
 * prefillChunkTokens} of it (chunked prefill), which adds to the compute time only: a chunk rides free on a
 * memory-bound decode step. A replica prefills one prompt at a time and holds at most {@code maxBatch} sequences,
 * the one in prefill included.
 *
 * @param name short name, such as {@code llama405b-h200x8}
 * @param model the model class served, for people
 * @param hardware the hardware catalogue model the replica runs on, such as {@code h200-hgx8}
 * @param gpusPerReplica GPUs in one replica, inside one NVLink domain
 * @param decodeTokensPerGpuS output tokens per second per GPU at the TPOT target
 * @param prefillTokensPerGpuS prompt tokens per second per GPU in prefill
 * @param maxBatch most sequences one replica holds at once
 * @param prefillChunkTokens prompt tokens processed in one step while a prefill runs
 * @param decodeStepBaseUs duration of a decode step with one sequence, microseconds
 * @param ttftTargetMs SLO: time to first token, milliseconds
 * @param tpotTargetMs SLO: mean time per output token after the first, milliseconds
 * @param prefixCacheTokens prompt-prefix KV tokens one replica keeps for reuse (0: no prefix cache)
 */
public record ServiceProfile(
        String name,
        String model,
        String hardware,
        int gpusPerReplica,
        double decodeTokensPerGpuS,
        double prefillTokensPerGpuS,
        int maxBatch,
        int prefillChunkTokens,
        long decodeStepBaseUs,
        long ttftTargetMs,
        long tpotTargetMs,
        long prefixCacheTokens) {

    public ServiceProfile {
        require(name != null && !name.isBlank(), "name", "a non-empty name");
        require(gpusPerReplica >= 1, "gpusPerReplica", "an integer >= 1");
        require(decodeTokensPerGpuS > 0 && Double.isFinite(decodeTokensPerGpuS), "decodeTokensPerGpuS", "> 0");
        require(prefillTokensPerGpuS > 0 && Double.isFinite(prefillTokensPerGpuS), "prefillTokensPerGpuS", "> 0");
        require(maxBatch >= 1, "maxBatch", "an integer >= 1");
        require(prefillChunkTokens >= 1, "prefillChunkTokens", "an integer >= 1");
        require(decodeStepBaseUs >= 1, "decodeStepBaseUs", "an integer >= 1");
        require(ttftTargetMs >= 1, "ttftTargetMs", "an integer >= 1");
        require(tpotTargetMs * 1000 > decodeStepBaseUs, "tpotTargetMs", "more than the one-sequence decode step");
        require(prefixCacheTokens >= 0, "prefixCacheTokens", "an integer >= 0");
        double atTarget = gpusPerReplica * decodeTokensPerGpuS * tpotTargetMs / 1000.0;
        require(atTarget >= 1, "decodeTokensPerGpuS", "a throughput that needs a batch of at least one at the target");
    }

    private static void require(boolean ok, String field, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("service profile field '" + field + "': allowed " + allowed);
        }
    }

    /**
     * The same replicas held to other latency targets: the step times and batch limit stay as they are, the decode
     * throughput is restated at the new TPOT target (the throughput of the batch whose step takes that long), and the
     * prefill chunk is re-tuned to the built-in rule, half the TPOT target's worth of prefill ({@link
     * ServiceProfiles#chunkTokens}), so a step with a chunk still meets the target.
     */
    public ServiceProfile withSlo(long ttftMs, long tpotMs) {
        double t1 = stepPerSequenceS();
        double tpot = tpotMs / 1000.0;
        if (!(tpot > stepBaseS())) {
            throw new IllegalArgumentException("tpotMs: allowed more than the one-sequence decode step");
        }
        double batch = (tpot - stepBaseS()) / t1;
        double perGpu = batch / tpot / gpusPerReplica;
        return new ServiceProfile(
                name,
                model,
                hardware,
                gpusPerReplica,
                perGpu,
                prefillTokensPerGpuS,
                maxBatch,
                ServiceProfiles.chunkTokens(tpotMs, gpusPerReplica, prefillTokensPerGpuS),
                decodeStepBaseUs,
                ttftMs,
                tpotMs,
                prefixCacheTokens);
    }

    /** Output tokens per second of one replica at the TPOT target. */
    public double replicaDecodeTokensPerS() {
        return gpusPerReplica * decodeTokensPerGpuS;
    }

    /** Prompt tokens per second of one replica in prefill, without decode. */
    public double replicaPrefillTokensPerS() {
        return gpusPerReplica * prefillTokensPerGpuS;
    }

    /** Sequences in a replica's batch when a decode step takes exactly the TPOT target. */
    public double batchAtTarget() {
        return replicaDecodeTokensPerS() * tpotTargetS();
    }

    public double ttftTargetS() {
        return ttftTargetMs / 1000.0;
    }

    public double tpotTargetS() {
        return tpotTargetMs / 1000.0;
    }

    /** {@code t0}: a decode step with one sequence, seconds. */
    public double stepBaseS() {
        return decodeStepBaseUs / 1e6;
    }

    /** {@code t1}: what one more sequence in the batch adds to a decode step, seconds. */
    public double stepPerSequenceS() {
        return (tpotTargetS() - stepBaseS()) / batchAtTarget();
    }

    /** A decode step with {@code batch} sequences and no prefill, seconds. */
    public double decodeStepS(double batch) {
        return Math.max(stepBaseS() + stepPerSequenceS() * batch, batch / replicaPrefillTokensPerS());
    }

    /** A step with {@code batch} decoding sequences and a prefill chunk, seconds. */
    public double mixedStepS(double batch) {
        return Math.max(
                stepBaseS() + stepPerSequenceS() * batch, (prefillChunkTokens + batch) / replicaPrefillTokensPerS());
    }
}
