package io.ultrafleet.scheduling;

import io.ultrafleet.workload.Job;
import java.util.Arrays;

/**
 * One queue's waiting jobs in {@link PendingQueue#ORDER}, in an array: jobs mostly join at the end (new submissions are
 * the youngest of their priority) and leave near the front, which an array does in constant time where a tree takes a
 * logarithmic search and a rebalance. Each slot keeps its job's rank as it was when the job joined (priority, whether
 * it resumes, submission time, id), so a slot whose job has left still orders the search; such slots are empty until
 * the array is compacted (when they are half the slots between its ends, or the arrays are at most a quarter full). A
 * job joining elsewhere than at an end moves the jobs on its shorter side by one slot.
 */
final class QueueLine {
    private static final int MIN_CAPACITY = 16;
    /** Moving more jobs than this to make room centres the line instead. */
    private static final int SHORT_MOVE = 32;

    private Job[] jobs = new Job[MIN_CAPACITY];
    // the rank of each slot's job when it joined: descending priority, then resuming first, then submission, then id
    private int[] priority = new int[MIN_CAPACITY];
    private boolean[] resuming = new boolean[MIN_CAPACITY];
    private long[] submit = new long[MIN_CAPACITY];
    private long[] id = new long[MIN_CAPACITY];
    /** Slots {@code [head, tail)} are in use; empty slots among them hold null. */
    private int head = MIN_CAPACITY / 2;

    private int tail = MIN_CAPACITY / 2;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The first job, or null when none waits. */
    Job first() {
        return size == 0 ? null : jobs[head];
    }

    /** Adds {@code job}; false when it is already here. */
    boolean add(Job job) {
        int at = search(job);
        if (at < tail && sameRank(at, job)) {
            if (jobs[at] != null) {
                return false;
            }
            jobs[at] = job; // its own empty slot, left when it last waited with this rank
            size++;
            return true;
        }
        if (at > head && jobs[at - 1] == null) {
            set(at - 1, job); // an empty slot just before its place: the ranks stay in order
            size++;
            return true;
        }
        int front = at - head;
        int back = tail - at;
        boolean roomFront = head > 0;
        boolean roomBack = tail < jobs.length;
        boolean moveFront;
        if (front <= back ? roomFront : roomBack) {
            moveFront = front <= back;
        } else if (Math.max(front, back) <= SHORT_MOVE && (roomFront || roomBack)) {
            moveFront = roomFront;
        } else {
            // no room on the short side: centre the jobs again (in larger arrays when over half full)
            compact(2 * (size + 1) <= jobs.length ? jobs.length : 2 * size + MIN_CAPACITY);
            return add(job);
        }
        if (moveFront) {
            shift(head, at, -1);
            head--;
            set(at - 1, job);
        } else {
            shift(at, tail, 1);
            tail++;
            set(at, job);
        }
        size++;
        return true;
    }

    /** Removes {@code job}; false when it is not here. */
    boolean remove(Job job) {
        int at = search(job);
        if (at >= tail || jobs[at] != job) {
            return false;
        }
        jobs[at] = null;
        size--;
        if (size == 0) {
            head = tail = jobs.length / 2;
        } else {
            while (jobs[head] == null) {
                head++;
            }
            while (jobs[tail - 1] == null) {
                tail--;
            }
            if (jobs.length > 4 * size + 4 * MIN_CAPACITY) {
                compact(2 * size + MIN_CAPACITY); // a quarter full at most: half the room is enough
            } else if (tail - head > MIN_CAPACITY && size <= (tail - head) / 2) {
                compact(jobs.length); // as many empty slots as jobs between the ends
            }
        }
        return true;
    }

    boolean contains(Job job) {
        int at = search(job);
        return at < tail && jobs[at] == job;
    }

    /** A walk over the jobs in order; the line must not change during it. */
    Cursor cursor() {
        return new Cursor();
    }

    /** The jobs in order, skipping empty slots. */
    final class Cursor {
        private int next = head;

        /** The next job, or null at the end. */
        Job next() {
            while (next < tail) {
                Job j = jobs[next++];
                if (j != null) {
                    return j;
                }
            }
            return null;
        }
    }

    /** The first slot in {@code [head, tail)} whose rank is not before {@code job}'s; {@code tail} when none. */
    private int search(Job job) {
        int lo = head;
        int hi = tail;
        int p = job.priority();
        boolean r = job.resuming();
        long s = job.submitMs();
        long i = job.id();
        if (lo < hi && before(hi - 1, p, r, s, i)) {
            return hi; // after the last: where new submissions join
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(mid, p, r, s, i)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether slot {@code k}'s rank comes before the rank given, in {@link PendingQueue#ORDER}. */
    private boolean before(int k, int p, boolean r, long s, long i) {
        return PendingQueue.compareRanks(priority[k], resuming[k], submit[k], id[k], p, r, s, i) < 0;
    }

    private boolean sameRank(int k, Job job) {
        return id[k] == job.id()
                && priority[k] == job.priority()
                && resuming[k] == job.resuming()
                && submit[k] == job.submitMs();
    }

    private void set(int k, Job job) {
        jobs[k] = job;
        priority[k] = job.priority();
        resuming[k] = job.resuming();
        submit[k] = job.submitMs();
        id[k] = job.id();
    }

    /** Moves slots {@code [from, to)} by {@code by} (one slot either way). */
    private void shift(int from, int to, int by) {
        int n = to - from;
        System.arraycopy(jobs, from, jobs, from + by, n);
        System.arraycopy(priority, from, priority, from + by, n);
        System.arraycopy(resuming, from, resuming, from + by, n);
        System.arraycopy(submit, from, submit, from + by, n);
        System.arraycopy(id, from, id, from + by, n);
    }

    /** Copies the jobs into arrays of {@code capacity} slots without empty ones, centred, so both ends have room. */
    private void compact(int capacity) {
        capacity = Math.max(capacity, size + 2);
        Job[] j = new Job[capacity];
        int[] p = new int[capacity];
        boolean[] r = new boolean[capacity];
        long[] s = new long[capacity];
        long[] i = new long[capacity];
        int start = (capacity - size) / 2;
        int k = start;
        for (int from = head; from < tail; from++) {
            if (jobs[from] != null) {
                j[k] = jobs[from];
                p[k] = priority[from];
                r[k] = resuming[from];
                s[k] = submit[from];
                i[k] = id[from];
                k++;
            }
        }
        jobs = j;
        priority = p;
        resuming = r;
        submit = s;
        id = i;
        head = start;
        tail = k;
    }

    /** The slots' capacity, for tests. */
    int capacity() {
        return jobs.length;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOfRange(jobs, head, tail));
    }
}
