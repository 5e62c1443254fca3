package io.ultrafleet.spec;

import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.preemption.PreemptionPolicies;
import io.ultrafleet.scheduling.preemption.PreemptionSearch;
import io.ultrafleet.scheduling.preemption.VictimOrders;

/** The scheduling cycle a scenario's {@code scheduler} section asks for: the twin and a live server make it here. */
public final class Cycles {
    private Cycles() {}

    public static SchedulingCycle of(SchedulerSpec s) {
        PreemptionSearch preemption = s.preemption()
                ? new PreemptionSearch(
                        VictimOrders.byName(s.victimOrder()).orElseThrow(),
                        PreemptionPolicies.byName(s.preemptionPolicy(), s.preemptionTerms())
                                .orElseThrow())
                : null;
        return new SchedulingCycle(s.queueDepth(), preemption);
    }
}
