package io.ultrafleet.twin.inference;

/**
 * What a service's pool carries from one flow step to the next: the requests waiting for a replica (the backlog),
 * with the tokens they hold, and the requests decoding on its replicas. Pool totals, so that a change in the number of
 * replicas spreads them anew. The backlog keeps its own token mix because it is served before the next step's
 * arrivals, which may be shaped differently.
 *
 * @param queuedRequests requests waiting for a replica
 * @param queuedPrefillTokens prompt tokens those requests still need prefilled (not in the prefix cache)
 * @param queuedInputTokens all their prompt tokens
 * @param queuedOutputTokens their output tokens
 * @param decodingRequests requests past their first token and still generating
 */
public record ServiceState(
        double queuedRequests,
        double queuedPrefillTokens,
        double queuedInputTokens,
        double queuedOutputTokens,
        double decodingRequests) {
    /** An empty pool, as at the start of a run. */
    public static final ServiceState IDLE = new ServiceState(0, 0, 0, 0, 0);

    public ServiceState {
        if (!(queuedRequests >= 0)
                || !(queuedPrefillTokens >= 0)
                || !(queuedInputTokens >= 0)
                || !(queuedOutputTokens >= 0)
                || !(decodingRequests >= 0)) {
            throw new IllegalArgumentException("service state: allowed counts >= 0");
        }
    }

    /** A backlog of {@code requests} shaped like {@code d}, plus {@code decoding} requests generating. */
    public static ServiceState of(double requests, StepDemand d, double decoding) {
        return new ServiceState(
                requests,
                requests * d.prefillTokens(),
                requests * d.meanInputTokens(),
                requests * d.meanOutputTokens(),
                decoding);
    }
}
