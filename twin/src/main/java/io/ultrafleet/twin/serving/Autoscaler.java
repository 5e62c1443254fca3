package io.ultrafleet.twin.serving;

import io.ultrafleet.twin.inference.FlowModel;
import io.ultrafleet.twin.inference.StepDemand;
import io.ultrafleet.twin.scenario.InferenceSpec;

/**
 * Decides how many replicas a service should have. Scale-up is at once to what the current demand needs (at the
 * target utilisation, or the fewest replicas reaching the SLO target), plus the backlog drained over one step; a
 * scale-down happens only after fewer replicas would have sufficed for the whole cool-off, and then only down to the
 * largest need seen over it, so a daily cycle is followed without flapping.
 */
final class Autoscaler {
    private final InferenceSpec.AutoscalerSpec spec;
    private final int min;
    private final int max;
    /** Since when fewer replicas than held would have sufficed, or -1. */
    private long lowSince = -1;
    /** The largest need seen since {@link #lowSince}. */
    private int needSinceLow;

    Autoscaler(InferenceSpec.AutoscalerSpec spec, int min, int max) {
        this.spec = spec;
        this.min = min;
        this.max = max;
    }

    /** Replicas needed for {@code demand} plus {@code backlog} requests to clear within {@code stepMs}. */
    int need(FlowModel flow, StepDemand demand, double backlog) {
        double rate = demand.requestsPerS() + backlog / (flow.stepMs() / 1000.0);
        StepDemand withBacklog = demand.withRate(rate);
        int n = spec.sloTarget() > 0
                ? flow.replicasForSlo(withBacklog, spec.sloTarget(), max)
                : flow.replicasForUtilisation(withBacklog, spec.targetUtilisation());
        return Math.max(min, Math.min(max, n));
    }

    /**
     * The replica count to hold after a step at {@code now}, given what is held ({@code held}, pending and starting
     * included) and what the demand needs.
     */
    int target(long now, int held, int need) {
        if (need >= held) {
            lowSince = -1;
            return need;
        }
        if (lowSince < 0) {
            lowSince = now;
            needSinceLow = need;
            return held;
        }
        needSinceLow = Math.max(needSinceLow, need);
        if (now - lowSince >= spec.coolOffMs()) {
            int target = needSinceLow;
            lowSince = now;
            needSinceLow = need;
            return target;
        }
        return held;
    }
}
