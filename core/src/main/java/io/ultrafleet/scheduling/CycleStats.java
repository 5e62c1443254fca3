package io.ultrafleet.scheduling;

import io.ultrafleet.workload.WaitReason;

/**
 * What one scheduling cycle did: jobs examined, started and preempted, and how many examined jobs were left waiting
 * for each {@link WaitReason} (indexed by its ordinal).
 */
public record CycleStats(int examined, int started, int preempted, int[] waitsByReason) {
    static final CycleStats IDLE = new CycleStats(0, 0, 0, new int[WaitReason.values().length]);
}
