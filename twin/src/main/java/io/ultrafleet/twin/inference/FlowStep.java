package io.ultrafleet.twin.inference;

/**
 * What one service's replicas did during one flow step ({@link FlowModel#step}). Request counts are fluid (fractions
 * allowed). Served requests are those a replica started in the step, from the backlog or from the step's arrivals;
 * their tokens count in the step. The latency percentiles are computed from {@link #latency()} when asked.
 *
 * @param replicas replicas serving
 * @param stepS length of the step, seconds
 * @param arrivedRequests requests that arrived in the step
 * @param servedRequests requests a replica started in the step
 * @param shedRequests requests shed in the step after waiting too long (none when the overload policy queues)
 * @param state the pool at the end of the step: its backlog and its decoding requests, to pass to the next step
 * @param inputTokensPerS prompt tokens served per second
 * @param outputTokensPerS output tokens served per second
 * @param capacityRequestsPerS the most requests per second the replicas serve with this token mix
 * @param utilisation share of the pool's capacity the served requests used in the step, 0..1
 * @param offeredLoad arrival rate over capacity; above 1 a backlog grows
 * @param meanBatch mean sequences decoding per replica
 * @param sloMetRequests served requests that met both latency targets
 * @param sloAttainment {@code sloMetRequests} over the requests served or shed in the step (1 when there were none)
 * @param latency the step's distributions of TTFT, TPOT and end-to-end latency
 */
public record FlowStep(
        int replicas,
        double stepS,
        double arrivedRequests,
        double servedRequests,
        double shedRequests,
        ServiceState state,
        double inputTokensPerS,
        double outputTokensPerS,
        double capacityRequestsPerS,
        double utilisation,
        double offeredLoad,
        double meanBatch,
        double sloMetRequests,
        double sloAttainment,
        StepLatency latency) {

    /** Requests a replica started per second. */
    public double servedRequestsPerS() {
        return servedRequests / stepS;
    }

    /** Requests still waiting for a replica at the end of the step. */
    public double backlogRequests() {
        return state.queuedRequests();
    }

    /** Prompt and output tokens served per second. */
    public double throughputTokensPerS() {
        return inputTokensPerS + outputTokensPerS;
    }

    public double ttftP50S() {
        return latency.ttft().quantile(0.5);
    }

    public double ttftP99S() {
        return latency.ttft().quantile(0.99);
    }

    public double tpotP50S() {
        return latency.tpot().quantile(0.5);
    }

    public double tpotP99S() {
        return latency.tpot().quantile(0.99);
    }

    /** Median end-to-end latency, arrival to last token. */
    public double e2eP50S() {
        return latency.e2e().quantile(0.5);
    }

    public double e2eP99S() {
        return latency.e2e().quantile(0.99);
    }
}
