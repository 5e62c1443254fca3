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
