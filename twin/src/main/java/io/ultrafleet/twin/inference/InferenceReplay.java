package io.ultrafleet.twin.inference;

/**
 * {@code replay inference}: serves a request trace both request by request ({@link RequestLevelSimulator}) and as
 * flows ({@link FlowModel} fed with the trace aggregated per step, {@link TraceSteps}), on the same pool, so the two
 * can be compared. With a prefix cache (Mooncake traces), both get the same cache hits, computed once in arrival order
 * on a cache of {@code replicas * profile.prefixCacheTokens()} tokens.
 */
public final class InferenceReplay {
    /** The busiest step's offered load the default pool size aims at: moderately loaded. */
    public static final double DEFAULT_PEAK_LOAD = 0.7;
    /** Most replicas a replay uses. */
    public static final int MAX_REPLICAS = 100_000;

    private InferenceReplay() {}

    /**
     * How to replay.
     *
     * @param profile how one replica serves
     * @param stepMs the flow model's step, milliseconds
     * @param overload queue or shed what the pool cannot start
     * @param prefixCache whether to replay the trace's prefix cache hits (traces with block hashes only)
     */
    public record Settings(ServiceProfile profile, long stepMs, Overload overload, boolean prefixCache) {
        public Settings {
            if (stepMs < 1) {
                throw new IllegalArgumentException("stepMs: allowed an integer >= 1");
            }
        }
    }

    /** Replays {@code trace} on {@code replicas} replicas, or, when {@code replicas} is 0, on {@link #defaultReplicas}. */
    public static InferenceReplayResult run(InferenceTrace trace, Settings s, int replicas) {
        boolean chosen = replicas <= 0;
        int n = chosen ? defaultReplicas(trace, s) : replicas;
        int[] cached = cachedTokens(trace, s, n);
        StepDemand[] steps = TraceSteps.of(trace, cached, s.stepMs());
        FlowModel model = new FlowModel(s.profile(), s.stepMs(), s.overload());
        ServingMetrics requestLevel =
                RequestLevelSimulator.run(trace, cached, s.profile(), n, s.overload(), s.stepMs());
        ServingMetrics flow = FlowReplay.run(model, steps, n);
        double weighted = 0;
        double arrivals = 0;
        double inputTokens = 0;
        double cachedSum = 0;
        for (int i = 0; i < trace.size(); i++) {
            inputTokens += trace.inputTokens(i);
            cachedSum += cached[i];
        }
        for (StepDemand d : steps) {
            weighted += d.requestsPerS() * load(model, d, n);
            arrivals += d.requestsPerS();
        }
        double windowS = steps.length * s.stepMs() / 1000.0;
        return new InferenceReplayResult(
                trace.name(),
                trace.format(),
                s.profile(),
                n,
                chosen,
                s.stepMs(),
                s.overload(),
                trace.size(),
                windowS,
                trace.size() / windowS,
                inputTokens / windowS,
                trace.totalOutputTokens() / windowS,
                inputTokens > 0 ? cachedSum / inputTokens : 0,
                arrivals > 0 ? weighted / arrivals : 0,
                peakLoad(model, steps, n),
                requestLevel,
                flow);
    }

    /**
     * The default pool: the fewest replicas (at most {@link #MAX_REPLICAS}) whose busiest step, in the flow model's
     * terms, is offered at most {@link #DEFAULT_PEAK_LOAD} of the pool's capacity. With a prefix cache, the cache
     * grows with the pool, so the size is found again with the cache of the first answer, then raised until it fits.
     */
    public static int defaultReplicas(InferenceTrace trace, Settings s) {
        return replicasForPeakLoad(trace, s, DEFAULT_PEAK_LOAD);
    }

    /** The fewest replicas whose busiest step is offered at most {@code peakLoad} of their capacity. */
    public static int replicasForPeakLoad(InferenceTrace trace, Settings s, double peakLoad) {
        FlowModel model = new FlowModel(s.profile(), s.stepMs(), s.overload());
        int n = needed(model, TraceSteps.of(trace, cachedTokens(trace, s, 1), s.stepMs()), peakLoad);
        n = needed(model, TraceSteps.of(trace, cachedTokens(trace, s, n), s.stepMs()), peakLoad);
        while (n < MAX_REPLICAS
                && peakLoad(model, TraceSteps.of(trace, cachedTokens(trace, s, n), s.stepMs()), n) > peakLoad) {
            n++;
        }
        return n;
    }

    /** The busiest step's arrival rate over the capacity of {@code replicas}. */
    static double peakLoad(FlowModel model, StepDemand[] steps, int replicas) {
        double peak = 0;
        for (StepDemand d : steps) {
            peak = Math.max(peak, load(model, d, replicas));
        }
        return peak;
    }

    /** Prefix-cache hits per request for a pool of {@code replicas}, or none. */
    public static int[] cachedTokens(InferenceTrace trace, Settings s, int replicas) {
        long capacity = s.prefixCache() ? (long) replicas * s.profile().prefixCacheTokens() : 0;
        return trace.cachedTokens(capacity);
    }

    private static int needed(FlowModel model, StepDemand[] steps, double peakLoad) {
        int n = 1;
        for (StepDemand d : steps) {
            n = Math.max(n, model.replicasForUtilisation(d, peakLoad));
        }
        return Math.min(MAX_REPLICAS, n);
    }

    private static double load(FlowModel model, StepDemand d, int replicas) {
        return d.requestsPerS() == 0 ? 0 : d.requestsPerS() / model.capacityRequestsPerS(d, replicas);
    }
}
