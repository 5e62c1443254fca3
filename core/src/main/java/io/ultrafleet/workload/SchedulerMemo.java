package io.ultrafleet.workload;

/**
 * What the scheduler remembers about a job between cycles so as not to repeat work that cannot succeed: the fleet's
 * version at which a gang placement or an elastic growth last found no room, and when a preemption search may be
 * tried again after one failed. Only the scheduling core reads and writes it.
 */
public final class SchedulerMemo {
    private long gangMissVersion = -1;
    private long growMissVersion = -1;
    private long preemptionRetryAtMs;
    private long preemptionBackoffMs;

    /**
     * The fleet's wholly-free version at which a placement of this gang last found no room, or -1: while the version
     * is unchanged, trying again cannot succeed.
     */
    public long gangMissVersion() {
        return gangMissVersion;
    }

    public void gangMissedAt(long version) {
        this.gangMissVersion = version;
    }

    /** As {@link #gangMissVersion}, for growing this running elastic job. */
    public long growMissVersion() {
        return growMissVersion;
    }

    public void growMissedAt(long version) {
        this.growMissVersion = version;
    }

    /** True when a preemption search may be tried for this job at {@code now} (see {@link #preemptionFailed}). */
    public boolean mayTryPreemptionAt(long now) {
        return now >= preemptionRetryAtMs;
    }

    /**
     * Records that no preemption could make room at {@code now}: the next search waits {@code minBackoffMs}, doubling
     * after each failure up to {@code maxBackoffMs}, so a job that waits for weeks does not search at every event.
     */
    public void preemptionFailed(long now, long minBackoffMs, long maxBackoffMs) {
        preemptionBackoffMs = preemptionBackoffMs == 0 ? minBackoffMs : Math.min(maxBackoffMs, preemptionBackoffMs * 2);
        preemptionRetryAtMs = now + preemptionBackoffMs;
    }
}
