package io.ultrafleet.scheduling;

import io.ultrafleet.workload.WaitReason;
import java.util.List;

/**
 * What one scheduling cycle did: its decisions in the order it made them ({@link Decision}), jobs examined, started
 * and preempted, how many examined jobs were left waiting for each {@link WaitReason} (indexed by its ordinal), and the
 * queues whose quota was used up, so that the cycle passed over the rest of their jobs without examining them
 * ({@code quotaPassedOver}, queue indexes; a job it passed over keeps the reason an earlier cycle gave it).
 */
public record CycleResult(
        int examined,
        int started,
        int preempted,
        int[] waitsByReason,
        int[] quotaPassedOver,
        List<Decision> decisions) {
    private static final int[] NONE = new int[0];

    static CycleResult idle(List<Decision> decisions) {
        return new CycleResult(0, 0, 0, new int[WaitReason.values().length], NONE, decisions);
    }

    /** Whether the cycle passed over the rest of queue {@code queue}'s jobs because its quota was used up. */
    public boolean passedOver(int queue) {
        for (int q : quotaPassedOver) {
            if (q == queue) {
                return true;
            }
        }
        return false;
    }

    static int[] none() {
        return NONE;
    }
}
