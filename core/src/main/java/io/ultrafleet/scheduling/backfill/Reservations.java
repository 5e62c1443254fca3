package io.ultrafleet.scheduling.backfill;

import io.ultrafleet.workload.Job;
import java.util.HashMap;
import java.util.Map;

/** The reservations of the last backfill pass, by job. Empty until the first pass. */
public final class Reservations {
    private final Map<Job, Reservation> byJob = new HashMap<>();
    private long computedAt = Long.MIN_VALUE;

    public static Reservations none() {
        return new Reservations();
    }

    /**
     * The reservations a pass made at {@code computedAt}, taken over from elsewhere: how a scheduler rebuilt from a
     * snapshot of another's state (a forecast) keeps the reservations that state held until its own next pass.
     */
    public static Reservations restored(long computedAt, Map<Job, Reservation> byJob) {
        Reservations r = new Reservations();
        r.byJob.putAll(byJob);
        r.computedAt = computedAt;
        return r;
    }

    void put(Job job, Reservation r) {
        byJob.put(job, r);
    }

    void clear(long now) {
        byJob.clear();
        computedAt = now;
    }

    /** The reservation of {@code job}, or null. */
    public Reservation of(Job job) {
        return byJob.get(job);
    }

    public int size() {
        return byJob.size();
    }

    /** Simulated time of the pass that made them. */
    public long computedAt() {
        return computedAt;
    }
}
