package io.ultrafleet.testing;

import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.workload.Job;
import java.util.List;

/** What a scheduling cycle decided, picked out by kind for tests: {@code Decisions.started(cycle.run(...))}. */
public final class Decisions {
    private Decisions() {}

    /** The decisions of one kind, in the order the cycle made them. */
    public static <T extends Decision> List<T> of(CycleResult r, Class<T> kind) {
        return r.decisions().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The jobs the cycle started, in order. */
    public static List<Job> started(CycleResult r) {
        return of(r, Decision.Start.class).stream().map(Decision::job).toList();
    }

    /** The jobs the cycle preempted, in order. */
    public static List<Job> preempted(CycleResult r) {
        return of(r, Decision.Preempt.class).stream().map(Decision::job).toList();
    }
}
