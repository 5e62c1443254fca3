package io.ultrafleet.scheduling;

import io.ultrafleet.workload.Job;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/** Jobs waiting to start, in the order the scheduler considers them: priority, then age, then id. */
public final class PendingQueue implements Iterable<Job> {
    /** Higher priority first; then earlier submission; then lower id. */
    public static final Comparator<Job> ORDER = Comparator.comparingInt(Job::priority)
            .reversed()
            .thenComparingLong(Job::submitMs)
            .thenComparingLong(Job::id);

    private final TreeSet<Job> jobs = new TreeSet<>(ORDER);

    public void add(Job job) {
        if (!jobs.add(job)) {
            throw new IllegalStateException("already queued: " + job);
        }
    }

    public boolean remove(Job job) {
        return jobs.remove(job);
    }

    /** The first job in scheduling order; the queue must not be empty. */
    public Job first() {
        return jobs.first();
    }

    public int size() {
        return jobs.size();
    }

    public boolean isEmpty() {
        return jobs.isEmpty();
    }

    @Override
    public Iterator<Job> iterator() {
        return jobs.iterator();
    }
}
