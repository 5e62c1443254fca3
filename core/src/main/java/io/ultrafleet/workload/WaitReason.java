package io.ultrafleet.workload;

/**
 * Why a pending job did not start in the last scheduling cycle that looked at it. A cycle that stops early (the fleet
 * is full, or its queue depth is used up) leaves the reasons of the jobs it did not reach as they were.
 */
public enum WaitReason {
    /** Not waiting. */
    NONE("not waiting"),
    /** Stopped by a job of a higher priority class, back in the queue from its last checkpoint. */
    PREEMPTED("preempted, waiting to resume from its last checkpoint"),
    /** Stopped by a failure under it, back in the queue from its last checkpoint. */
    INTERRUPTED("interrupted by a failure, waiting to restart from its last checkpoint"),
    /**
     * No cycle has examined it yet: the fleet was full, its queue's quota was used up (a cycle passes over the rest of
     * such a queue), or cycles reached their queue depth before it.
     */
    NOT_YET_TRIED(
            "not yet examined: the fleet was full, its queue's quota was used up, or cycles stopped at their queue"
                    + " depth before it"),
    /** Its queue would go over its GPU quota. */
    QUOTA("queue quota would be exceeded"),
    /** The free capacity where it may go is held back for inference services, which it may not borrow. */
    RESERVED("capacity held back for inference services, which only elastic or short work may borrow"),
    /** No hardware of an allowed model is online (yet). */
    NO_MODEL("no hardware of an allowed model online"),
    /** The allowed hardware is too small for the job even when empty, at the required topology level. */
    TOO_LARGE("larger than any allowed block or site"),
    /** Not enough free capacity at the required topology level. */
    NO_CAPACITY("no block or site with enough free capacity"),
    /** Free whole racks are held back for a waiting gang ahead of it. */
    HELD_FOR_GANG("whole racks held for a waiting gang of higher rank");

    /**
     * The words for a job shown waiting for {@link #QUOTA} because a cycle passed over the rest of its queue (see {@link
     * #shown}).
     */
    public static final String PASSED_OVER =
            "its queue's quota is used up: the scheduler passes over the rest of its queue until some of it is free";

    private final String description;
    private final String key;

    /**
     * Why a waiting job is shown to wait: one that no cycle has examined, in a queue that the last cycle passed over
     * because the queue's quota was used up, waits for {@link #QUOTA} (with the words {@link #PASSED_OVER}).
     */
    public WaitReason shown(boolean queuePassedOverForQuota) {
        return this == NOT_YET_TRIED && queuePassedOverForQuota ? QUOTA : this;
    }

    /** The words beside {@link #shown}: {@link #PASSED_OVER} for a job shown waiting for quota that way, else {@code detail}. */
    public String shownDetail(String detail, boolean queuePassedOverForQuota) {
        return shown(queuePassedOverForQuota) != this ? PASSED_OVER : detail;
    }

    WaitReason(String description) {
        this.description = description;
        this.key = name().toLowerCase(java.util.Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** Name in outputs: lower case with underscores. */
    public String key() {
        return key;
    }
}
