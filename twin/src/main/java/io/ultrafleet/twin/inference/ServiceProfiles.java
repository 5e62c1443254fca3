package io.ultrafleet.twin.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in service profiles: one model class per hardware model of the catalogue, with the per-GPU decode
 * throughput at the latency target taken from MLPerf results (fleet-facts §4.2). The derivations below (prefill from
 * FLOPs, the one-sequence step from weight reads, batch limit, chunk and prefix cache) are written out here and in
 * {@code docs/model.md}, "Inference serving", with the source or assumption behind each input.
 */
public final class ServiceProfiles {
    /** The profile {@code replay inference} uses unless told otherwise: a small replica the public traces can load. */
    public static final String DEFAULT_REPLAY = "llama405b-h200x8";

    /** Share of dense FP8 peak reached in prefill, like training MFU (fleet-facts §4.1: 38-43 %). Assumption. */
    static final double PREFILL_MFU = 0.40;
    /** Smallest decode step, for launch and collective latency when weight reads alone would be shorter. */
    static final long MIN_STEP_US = 5_000;
    /** Host memory share given to the prefix cache. Assumption. */
    static final double CACHE_MEMORY_SHARE = 0.5;

    private static final double TIB = 1024.0 * 1024 * 1024 * 1024;
    /** Host memory of a u-p6e-gb200x72 UltraServer: 17,280 GiB (fleet-facts §1.2). */
    private static final double GB200_HOST = 17_280 * 1024.0 * 1024 * 1024;

    private static final Map<String, ServiceProfile> PROFILES = new LinkedHashMap<>();

    static {
        // Llama 3.1 405B, dense, FP8 weights (405 GB), MLPerf server SLO: TTFT 6 s, TPOT 175 ms.
        // KV cache per token: 2 x 126 layers x 8 KV heads x 128 dims x 1 byte = 258,048 bytes.
        Model llama405b = new Model("Llama 3.1 405B (dense)", 405e9, 405e9, 405e9, 258_048, 6_000, 175);
        add("llama405b-gb300-nvl72", llama405b, "gb300-nvl72", 72, 220.0, 5.0e15, 8.0e12, 17e12);
        add("llama405b-gb200-nvl72", llama405b, "gb200-nvl72", 72, 220.0 / 1.45, 5.0e15, 8.0e12, GB200_HOST);
        double h200 = 220.0 / 1.45 / (30.0 * 8 / 72);
        add("llama405b-h200x8", llama405b, "h200-hgx8", 8, h200, 1.979e15, 4.8e12, 2 * TIB);
        add("llama405b-h100x8", llama405b, "h100-hgx8", 8, h200 * 3.35 / 4.8, 1.979e15, 3.35e12, 2 * TIB);
        // DeepSeek-R1 class MoE: 671 B parameters, 37 B active, FP8 weights; MLPerf server SLO: TTFT 2 s,
        // 12.5 tok/s per user (TPOT 80 ms). MLA KV cache: 61 layers x 576 x 1 byte = 35,136 bytes per token.
        Model r1 = new Model("DeepSeek-R1 class (MoE, 37 B active)", 671e9, 37e9, 671e9, 35_136, 2_000, 80);
        add("r1-gb300-nvl72", r1, "gb300-nvl72", 72, 2_900.0, 5.0e15, 8.0e12, 17e12);
        add("r1-gb200-nvl72", r1, "gb200-nvl72", 72, 2_900.0 / 1.45, 5.0e15, 8.0e12, GB200_HOST);
        // Llama 2 70B, dense, FP8 weights; MLPerf interactive SLO: TTFT 450 ms, TPOT 40 ms. The B200 decode figure is
        // an FP4 result, so prefill is taken at FP4 too: twice the FP8 peak.
        // KV cache per token: 2 x 80 layers x 8 KV heads x 128 dims x 1 byte = 163,840 bytes.
        Model llama70b = new Model("Llama 2 70B (dense)", 70e9, 70e9, 70e9, 163_840, 450, 40);
        add("llama70b-b200x8", llama70b, "b200-hgx8", 8, 12_900.0, 2 * 4.5e15, 8.0e12, 2 * TIB);
    }

    private ServiceProfiles() {}

    /** A model class: what a replica serves. Weight bytes equal parameters (FP8). */
    private record Model(
            String label,
            double parameters,
            double activeParameters,
            double weightBytes,
            double kvBytesPerToken,
            long ttftMs,
            long tpotMs) {}

    private static void add(
            String name,
            Model m,
            String hardware,
            int gpus,
            double decodePerGpu,
            double flopsPerGpu,
            double hbmBytesPerS,
            double hostMemoryBytes) {
        double prefillPerGpu = PREFILL_MFU * flopsPerGpu / (2 * m.activeParameters());
        long baseUs = Math.max(MIN_STEP_US, Math.round(m.weightBytes() / gpus / hbmBytesPerS * 1e6));
        double batchAtTarget = gpus * decodePerGpu * m.tpotMs() / 1000.0;
        int maxBatch = (int) Math.round(2 * batchAtTarget);
        int chunk = chunkTokens(m.tpotMs(), gpus, prefillPerGpu);
        long cacheTokens = Math.round(CACHE_MEMORY_SHARE * hostMemoryBytes / m.kvBytesPerToken());
        PROFILES.put(
                name,
                new ServiceProfile(
                        name,
                        m.label(),
                        hardware,
                        gpus,
                        decodePerGpu,
                        prefillPerGpu,
                        maxBatch,
                        chunk,
                        baseUs,
                        m.ttftMs(),
                        m.tpotMs(),
                        cacheTokens));
    }

    /** Prompt tokens per chunk: what a replica prefills in half the TPOT target, so a chunked step meets it. */
    static int chunkTokens(long tpotMs, int gpus, double prefillPerGpu) {
        return (int) Math.max(1, Math.round(0.5 * tpotMs / 1000.0 * gpus * prefillPerGpu));
    }

    /** The profile called {@code name}, if there is one. */
    public static Optional<ServiceProfile> get(String name) {
        return Optional.ofNullable(PROFILES.get(name));
    }

    /** Profile names in a fixed order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(PROFILES.keySet()));
    }

    /** The default profile of {@code replay inference}. */
    public static ServiceProfile defaultReplay() {
        return PROFILES.get(DEFAULT_REPLAY);
    }
}
