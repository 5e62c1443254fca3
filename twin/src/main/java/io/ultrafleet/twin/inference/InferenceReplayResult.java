package io.ultrafleet.twin.inference;

/**
 * The result of {@code replay inference}: the trace's demand, the pool, and what the request-level simulator and the
 * flow model each report for it.
 *
 * @param trace the trace file as given
 * @param replicas replicas in the pool
 * @param replicasChosen whether the pool size was chosen by {@link InferenceReplay#defaultReplicas}
 * @param requests requests in the trace
 * @param windowS length of the replay window: whole steps covering every arrival
 * @param requestsPerS mean arrival rate over the window
 * @param inputTokensPerS prompt tokens offered per second
 * @param outputTokensPerS output tokens offered per second
 * @param prefixCacheShare share of prompt tokens served by the prefix cache
 * @param meanLoad arrival-weighted mean over steps of arrival rate over pool capacity
 * @param peakLoad the same in the busiest step
 */
public record InferenceReplayResult(
        String trace,
        TraceFormat format,
        ServiceProfile profile,
        int replicas,
        boolean replicasChosen,
        long stepMs,
        Overload overload,
        long requests,
        double windowS,
        double requestsPerS,
        double inputTokensPerS,
        double outputTokensPerS,
        double prefixCacheShare,
        double meanLoad,
        double peakLoad,
        ServingMetrics requestLevel,
        ServingMetrics flow) {

    /** Flow throughput over request-level throughput. */
    public double throughputRatio() {
        return flow.throughputTokensPerS() / requestLevel.throughputTokensPerS();
    }

    /** Flow SLO attainment minus request-level SLO attainment. */
    public double sloAttainmentDifference() {
        return flow.sloAttainment() - requestLevel.sloAttainment();
    }
}
