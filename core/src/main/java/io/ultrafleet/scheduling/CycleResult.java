package io.ultrafleet.scheduling;

import io.ultrafleet.workload.WaitReason;
import java.util.List;

/**
 * What one scheduling cycle did: its decisions in the order it made them ({@link Decision}), jobs examined, started
 * and preempted, and how many examined jobs were left waiting for each {@link WaitReason} (indexed by its ordinal).
 */
public record CycleResult(int examined, int started, int preempted, int[] waitsByReason, List<Decision> decisions) {
    static CycleResult idle(List<Decision> decisions) {
        return new CycleResult(0, 0, 0, new int[WaitReason.values().length], decisions);
    }
}
