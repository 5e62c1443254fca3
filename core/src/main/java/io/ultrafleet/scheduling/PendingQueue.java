package io.ultrafleet.scheduling;

import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * Jobs waiting to start, kept per queue. Two orders: {@link #iterator()} is by priority, then age, then id across all
 * queues (their own orders merged); {@link #fairOrder} serves, among heads of equal priority, the queue with the lowest dominant share first (fair sharing),
 * then the older head.
 */
public final class PendingQueue implements Iterable<Job> {
    /**
     * Higher priority first; then jobs that have run before (stopped by a failure or a preemption, waiting to resume)
     * before jobs that never started; then earlier submission; then lower id.
     */
    public static final Comparator<Job> ORDER = (a, b) -> compareRanks(
            a.priority(), a.resuming(), a.submitMs(), a.id(), b.priority(), b.resuming(), b.submitMs(), b.id());

    /**
     * {@link #ORDER} on two ranks given field by field (priority, whether the job resumes, submission, id): negative
     * when the first comes first. {@link QueueLine} compares the ranks it keeps by it.
     */
    static int compareRanks(
            int priorityA,
            boolean resumingA,
            long submitA,
            long idA,
            int priorityB,
            boolean resumingB,
            long submitB,
            long idB) {
        if (priorityA != priorityB) {
            return priorityA > priorityB ? -1 : 1;
        }
        if (resumingA != resumingB) {
            return resumingA ? -1 : 1;
        }
        if (submitA != submitB) {
            return submitA < submitB ? -1 : 1;
        }
        return Long.compare(idA, idB);
    }

    /** Each queue's waiting jobs in {@link #ORDER} ({@link QueueLine}): the whole queue is their merge. */
    private final List<QueueLine> byQueue = new ArrayList<>();
    /**
     * Jobs of at least {@link #largeGpus} GPUs, in the same order (null when that is every job): what backfill looks
     * through for gangs.
     */
    private final TreeSet<Job> large;

    private final int largeGpus;
    private int size;

    /** A queue that indexes no job apart: {@link #atLeast()} is the whole queue. */
    public PendingQueue() {
        this(1);
    }

    /**
     * A queue that also keeps the jobs of at least {@code largeGpus} GPUs (the smallest whole rack of the fleet) in an
     * index of their own, so that a pass over waiting gangs does not walk a long queue of small jobs.
     */
    public PendingQueue(int largeGpus) {
        this.largeGpus = Math.max(1, largeGpus);
        this.large = this.largeGpus <= 1 ? null : new TreeSet<>(ORDER);
    }

    /** A queue that indexes the jobs of at least the smallest whole rack (NVLink domain) of the fleet's models. */
    public static PendingQueue forFleet(io.ultrafleet.fleet.FleetView fleet) {
        int smallest = Integer.MAX_VALUE;
        for (int m = 0; m < fleet.modelCount(); m++) {
            smallest = Math.min(smallest, fleet.model(m).gpusPerDomain());
        }
        return new PendingQueue(smallest == Integer.MAX_VALUE ? 1 : smallest);
    }

    /** The waiting jobs of at least the {@code largeGpus} given at construction, highest priority and oldest first. */
    public Iterable<Job> atLeast() {
        return large == null ? this : large;
    }

    public void add(Job job) {
        boolean hasRun = job.firstStartMs() >= 0;
        if (job.resuming() != hasRun) {
            // the job's rank changes with it: it must not be in the queue under its old rank
            if (job.queue() < byQueue.size() && byQueue.get(job.queue()).contains(job)) {
                throw new IllegalStateException("already queued: " + job);
            }
            job.queued(hasRun);
        }
        while (byQueue.size() <= job.queue()) {
            byQueue.add(new QueueLine());
        }
        if (!byQueue.get(job.queue()).add(job)) {
            throw new IllegalStateException("already queued: " + job);
        }
        size++;
        if (large != null && job.gpus() >= largeGpus) {
            large.add(job);
        }
    }

    public boolean remove(Job job) {
        boolean removed =
                job.queue() < byQueue.size() && byQueue.get(job.queue()).remove(job);
        if (removed) {
            size--;
            if (large != null) {
                large.remove(job);
            }
        }
        return removed;
    }

    /**
     * Gives every waiting job of queue {@code queue} whose priority differs {@code priority} (its class changed), and
     * orders the queue's jobs again; returns the jobs moved, in their new order. O(n log n) for the queue's n jobs: its
     * line is built afresh, each job joining at its end.
     */
    public List<Job> reprioritise(int queue, int priority) {
        List<Job> moved = new ArrayList<>();
        if (queue >= byQueue.size()) {
            return moved;
        }
        List<Job> all = new ArrayList<>(byQueue.get(queue).size());
        QueueLine.Cursor c = byQueue.get(queue).cursor();
        for (Job j = c.next(); j != null; j = c.next()) {
            all.add(j);
            if (j.priority() != priority) {
                moved.add(j);
            }
        }
        if (moved.isEmpty()) {
            return moved;
        }
        for (Job j : moved) {
            if (large != null && j.gpus() >= largeGpus) {
                large.remove(j); // under its old rank
            }
            j.reprioritise(priority);
        }
        all.sort(ORDER);
        QueueLine line = new QueueLine();
        for (Job j : all) {
            line.add(j);
        }
        byQueue.set(queue, line);
        for (Job j : moved) {
            if (large != null && j.gpus() >= largeGpus) {
                large.add(j);
            }
        }
        moved.sort(ORDER);
        return moved;
    }

    /** Gives the waiting {@code job} {@code priority}, taking it out of the order and putting it back at its new rank. */
    public void reprioritise(Job job, int priority) {
        if (!remove(job)) {
            throw new IllegalStateException("not queued: " + job);
        }
        job.reprioritise(priority);
        add(job);
    }

    /** The first job by priority and age; the queue must not be empty. */
    public Job first() {
        Job best = null;
        for (QueueLine q : byQueue) {
            Job head = q.first();
            if (head != null && (best == null || ORDER.compare(head, best) < 0)) {
                best = head;
            }
        }
        if (best == null) {
            throw new NoSuchElementException("no job waits");
        }
        return best;
    }

    public int size() {
        return size;
    }

    /** Jobs of queue {@code queue} waiting. */
    public int size(int queue) {
        return queue < byQueue.size() ? byQueue.get(queue).size() : 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Every waiting job, highest priority and oldest first: the queues' own orders merged. */
    @Override
    public Iterator<Job> iterator() {
        return new Merge(byQueue);
    }

    /** A walk over the queues together: each queue's next job (its head), taken one at a time. */
    private abstract static class Heads implements Iterator<Job> {
        private final QueueLine.Cursor[] cursors;
        /** Each queue's next job, or null when it has none left in this walk. */
        final Job[] heads;

        Heads(List<QueueLine> byQueue) {
            int n = byQueue.size();
            cursors = new QueueLine.Cursor[n];
            heads = new Job[n];
            for (int q = 0; q < n; q++) {
                cursors[q] = byQueue.get(q).cursor();
                heads[q] = cursors[q].next();
            }
        }

        @Override
        public boolean hasNext() {
            for (Job h : heads) {
                if (h != null) {
                    return true;
                }
            }
            return false;
        }

        /** Returns queue {@code q}'s head and moves the queue on; none left when {@code q} is negative. */
        Job take(int q) {
            if (q < 0) {
                throw new NoSuchElementException();
            }
            Job out = heads[q];
            heads[q] = cursors[q].next();
            return out;
        }
    }

    /** The queues' jobs merged in {@link #ORDER}: at each step the first of the queues' heads. */
    private static final class Merge extends Heads {
        Merge(List<QueueLine> byQueue) {
            super(byQueue);
        }

        @Override
        public Job next() {
            int best = -1;
            for (int q = 0; q < heads.length; q++) {
                if (heads[q] != null && (best < 0 || ORDER.compare(heads[q], heads[best]) < 0)) {
                    best = q;
                }
            }
            return take(best);
        }
    }

    /**
     * The jobs in fair-sharing order, recomputed at every step: the highest priority head; among equal priorities
     * the queue with the lowest {@code share}; then the older head. The queue must not change during the walk.
     */
    public FairWalk fairOrder(IntToDoubleFunction share) {
        return new FairWalk(byQueue, share);
    }

    /**
     * A walk over the waiting jobs in fair-sharing order, which can leave out the rest of one queue (a queue whose quota
     * is used up has nothing more to offer in this walk).
     */
    public static final class FairWalk extends Heads {
        private final IntToDoubleFunction share;

        private FairWalk(List<QueueLine> byQueue, IntToDoubleFunction share) {
            super(byQueue);
            this.share = share;
        }

        /** Leaves the jobs of {@code queue} not yet returned out of the rest of the walk. */
        public void skipRest(int queue) {
            if (queue < heads.length) {
                heads[queue] = null;
            }
        }

        @Override
        public Job next() {
            int best = -1;
            double bestShare = 0;
            for (int q = 0; q < heads.length; q++) {
                Job h = heads[q];
                if (h == null) {
                    continue;
                }
                if (best < 0) {
                    best = q;
                    bestShare = share.applyAsDouble(q);
                    continue;
                }
                Job b = heads[best];
                if (h.priority() != b.priority()) {
                    if (h.priority() > b.priority()) {
                        best = q;
                        bestShare = share.applyAsDouble(q);
                    }
                    continue;
                }
                double s = share.applyAsDouble(q);
                if (s < bestShare || (s == bestShare && ORDER.compare(h, b) < 0)) {
                    best = q;
                    bestShare = s;
                }
            }
            return take(best);
        }
    }
}
