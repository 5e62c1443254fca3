package io.ultrafleet.twin.inference;

/**
 * What a pool delivered over a replay, the same figures from the request-level simulator and from the flow model so
 * they can be compared. Token rates are tokens served within the replay window (whole steps covering every arrival)
 * divided by its length. Latency percentiles are over the requests served (not shed); end-to-end latency runs from
 * arrival to the last token. SLO attainment is the share of all requests, shed ones included, that met both the TTFT
 * and the TPOT target (a request with fewer than two output tokens has no TPOT and meets that part).
 *
 * @param requests requests in the trace
 * @param servedRequests requests served
 * @param shedRequests requests shed after waiting too long
 * @param inputTokensPerS prompt tokens served per second
 * @param outputTokensPerS output tokens served per second
 * @param meanBatch mean number of sequences decoding per replica
 */
public record ServingMetrics(
        long requests,
        long servedRequests,
        long shedRequests,
        double inputTokensPerS,
        double outputTokensPerS,
        double ttftMeanS,
        double ttftP50S,
        double ttftP99S,
        double tpotMeanS,
        double tpotP50S,
        double tpotP99S,
        double meanLatencyS,
        double p50LatencyS,
        double p99LatencyS,
        double sloAttainment,
        double meanBatch) {

    /** Prompt and output tokens served per second. */
    public double throughputTokensPerS() {
        return inputTokensPerS + outputTokensPerS;
    }
}
