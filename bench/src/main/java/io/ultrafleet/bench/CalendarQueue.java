package io.ultrafleet.bench;

import io.ultrafleet.twin.engine.Event;
import java.util.Arrays;

/**
 * A calendar queue (R. Brown, CACM 31(10), 1988), the contender to the twin's binary heap in {@link EventQueueBench}:
 * events hashed by time into {@code buckets} days of {@code width} ms, each day kept sorted by (time, sequence). A
 * poll walks the days from the current one and takes the first event that falls in the day's current year; after a
 * whole year without one, it takes the earliest head directly. With a well-chosen width, add and poll cost O(1) on
 * average. A hashed timer wheel with sorted slots is the same structure with a fixed width, so this stands for both.
 *
 * <p>The bucket count and width are fixed at construction (no resizing): the hold model keeps the queue's size, and
 * the benchmark gives the width Brown's rule picks for it. Benchmark code only; the twin does not use it.
 */
final class CalendarQueue {
    private final int mask;
    private final long width;
    private final long[][] times;
    private final long[][] seqs;
    private final Event[][] events;
    private final int[] counts;
    private int size;
    private long nextSeq;
    private long lastTime;
    private int found = -1; // the bucket peekTime found, until the queue changes

    /**
     * @param buckets days in a year, a power of two
     * @param width length of a day in ms, at least 1
     */
    CalendarQueue(int buckets, long width) {
        if (Integer.bitCount(buckets) != 1 || width < 1) {
            throw new IllegalArgumentException("buckets must be a power of two and width >= 1");
        }
        this.mask = buckets - 1;
        this.width = width;
        this.times = new long[buckets][4];
        this.seqs = new long[buckets][4];
        this.events = new Event[buckets][4];
        this.counts = new int[buckets];
    }

    int size() {
        return size;
    }

    /** Adds {@code event} at {@code time}, not before the last event polled. */
    void add(long time, Event event) {
        int b = (int) ((time / width) & mask);
        int n = counts[b];
        if (n == times[b].length) {
            times[b] = Arrays.copyOf(times[b], n * 2);
            seqs[b] = Arrays.copyOf(seqs[b], n * 2);
            events[b] = Arrays.copyOf(events[b], n * 2);
        }
        long seq = nextSeq++;
        long[] ts = times[b];
        int i = n;
        while (i > 0 && ts[i - 1] > time) { // equal times keep their order: the new one has the larger sequence
            ts[i] = ts[i - 1];
            seqs[b][i] = seqs[b][i - 1];
            events[b][i] = events[b][i - 1];
            i--;
        }
        ts[i] = time;
        seqs[b][i] = seq;
        events[b][i] = event;
        counts[b] = n + 1;
        size++;
        found = -1;
    }

    /** Time of the event {@link #poll} would return; the queue must not be empty. */
    long peekTime() {
        found = earliestBucket();
        return times[found][0];
    }

    /** Removes and returns the earliest event; the queue must not be empty. */
    Event poll() {
        int b = found >= 0 ? found : earliestBucket();
        found = -1;
        long[] ts = times[b];
        Event e = events[b][0];
        lastTime = ts[0];
        int n = --counts[b];
        System.arraycopy(ts, 1, ts, 0, n);
        System.arraycopy(seqs[b], 1, seqs[b], 0, n);
        System.arraycopy(events[b], 1, events[b], 0, n);
        events[b][n] = null;
        size--;
        return e;
    }

    private int earliestBucket() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        long day = lastTime / width;
        for (int k = 0; k <= mask; k++) {
            int b = (int) ((day + k) & mask);
            if (counts[b] > 0 && times[b][0] < (day + k + 1) * width) {
                return b;
            }
        }
        int best = -1; // a sparse year: the earliest head of all
        for (int b = 0; b <= mask; b++) {
            if (counts[b] > 0
                    && (best < 0
                            || times[b][0] < times[best][0]
                            || (times[b][0] == times[best][0] && seqs[b][0] < seqs[best][0]))) {
                best = b;
            }
        }
        return best;
    }
}
