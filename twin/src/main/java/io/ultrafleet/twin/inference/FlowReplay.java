package io.ultrafleet.twin.inference;

/**
 * Runs the flow model over a sequence of step demands, as the twin does for one service, carrying the backlog from
 * step to step and draining what is left after the last step, and sums the steps into the same figures the
 * request-level simulator reports.
 */
public final class FlowReplay {
    /** Most empty steps run after the window to drain a backlog. */
    private static final int MAX_DRAIN_STEPS = 1_000_000;

    private FlowReplay() {}

    public static ServingMetrics run(FlowModel model, StepDemand[] steps, int replicas) {
        double stepS = model.stepMs() / 1000.0;
        ServiceState state = ServiceState.IDLE;
        double arrived = 0;
        double served = 0;
        double shed = 0;
        double met = 0;
        double input = 0;
        double output = 0;
        double batch = 0;
        LatencyMix ttft = new LatencyMix();
        LatencyMix tpot = new LatencyMix();
        LatencyMix e2e = new LatencyMix();
        StepDemand last = steps[steps.length - 1];
        for (int k = 0; k < steps.length + MAX_DRAIN_STEPS; k++) {
            boolean inWindow = k < steps.length;
            if (!inWindow && state.queuedRequests() <= 1e-9) {
                break;
            }
            StepDemand d = inWindow ? steps[k] : last.withRate(0);
            FlowStep s = model.step(d, replicas, state);
            state = s.state();
            arrived += s.arrivedRequests();
            served += s.servedRequests();
            shed += s.shedRequests();
            met += s.sloMetRequests();
            ttft.addAll(s.latency().ttft(), s.servedRequests());
            tpot.addAll(s.latency().tpot(), s.servedRequests());
            e2e.addAll(s.latency().e2e(), s.servedRequests());
            if (inWindow) {
                input += s.inputTokensPerS() * stepS;
                output += s.outputTokensPerS() * stepS;
                batch += s.meanBatch();
            }
        }
        double windowS = steps.length * stepS;
        long requests = Math.round(arrived);
        return new ServingMetrics(
                requests,
                Math.round(served),
                Math.round(shed),
                input / windowS,
                output / windowS,
                ttft.mean(),
                ttft.quantile(0.5),
                ttft.quantile(0.99),
                tpot.mean(),
                tpot.quantile(0.5),
                tpot.quantile(0.99),
                e2e.mean(),
                e2e.quantile(0.5),
                e2e.quantile(0.99),
                arrived > 0 ? met / arrived : 1,
                batch / steps.length);
    }
}
