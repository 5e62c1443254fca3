package io.ultrafleet.twin.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, sequence number), in parallel arrays so that an entry costs no
 * object of its own beyond the event. The sequence number is assigned at insertion, so events at the same time fire
 * in the order they were scheduled: the run is deterministic.
 */
public final class EventQueue {
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Event[] events = new Event[1024];
    private int size;
    private long nextSeq;

    public void add(long time, Event event) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            events = Arrays.copyOf(events, n);
        }
        long seq = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, event);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the earliest event; the queue must not be empty. */
    public long peekTime() {
        return times[0];
    }

    /** Removes and returns the earliest event. */
    public Event poll() {
        Event top = events[0];
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Event e = events[last];
        events[last] = null;
        if (last > 0) {
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int c = 2 * i + 1;
                int r = c + 1;
                if (r < last && less(times[r], seqs[r], times[c], seqs[c])) {
                    c = r;
                }
                if (!less(times[c], seqs[c], t, s)) {
                    break;
                }
                move(c, i);
                i = c;
            }
            set(i, t, s, e);
        }
        return top;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        events[to] = events[from];
    }

    private void set(int i, long time, long seq, Event event) {
        times[i] = time;
        seqs[i] = seq;
        events[i] = event;
    }
}
