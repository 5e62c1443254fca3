package io.ultrafleet.twin.engine;

import java.util.Arrays;

/**
 * A 4-ary min-heap of events ordered by (time, sequence number), in parallel arrays so that an entry costs no
 * object of its own beyond the event. Four children to a node make the heap half as deep as a binary one, and a node's
 * children lie side by side: a poll reads fewer cache lines. The sequence number is assigned at insertion, so events at the same time fire
 * in the order they were scheduled: the run is deterministic.
 *
 * <p>Events added for the instant now firing (the time of the last event polled), such as a scheduling cycle asked
 * for by the event that fired, go to a FIFO beside the heap instead: they are later than everything queued for that
 * instant already, so the FIFO's head and the heap's top are the only candidates for the next event. About half of
 * a twin run's events take this path and never touch the heap.
 */
public final class EventQueue {
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Event[] events = new Event[1024];
    private int size;
    private long nextSeq;
    // the FIFO of events at the current instant: a ring of (seq, event)
    private long current = Long.MIN_VALUE;
    private long[] nowSeqs = new long[64];
    private Event[] nowEvents = new Event[64];
    private int nowHead;
    private int nowSize;

    public void add(long time, Event event) {
        if (time == current) {
            addNow(nextSeq++, event);
            return;
        }
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            events = Arrays.copyOf(events, n);
        }
        long seq = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!less(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, event);
    }

    private void addNow(long seq, Event event) {
        if (nowSize == nowSeqs.length) {
            int n = nowSize * 2;
            long[] s = new long[n];
            Event[] e = new Event[n];
            for (int i = 0; i < nowSize; i++) {
                s[i] = nowSeqs[(nowHead + i) % nowSize];
                e[i] = nowEvents[(nowHead + i) % nowSize];
            }
            nowSeqs = s;
            nowEvents = e;
            nowHead = 0;
        }
        int tail = (nowHead + nowSize) % nowSeqs.length;
        nowSeqs[tail] = seq;
        nowEvents[tail] = event;
        nowSize++;
    }

    /** True when the FIFO's head comes before the heap's top. */
    private boolean nowFirst() {
        return nowSize > 0 && (size == 0 || less(current, nowSeqs[nowHead], times[0], seqs[0]));
    }

    public boolean isEmpty() {
        return size == 0 && nowSize == 0;
    }

    public int size() {
        return size + nowSize;
    }

    /** Time of the earliest event; the queue must not be empty. */
    public long peekTime() {
        return nowFirst() ? current : times[0];
    }

    /** Removes and returns the earliest event. */
    public Event poll() {
        if (nowFirst()) {
            Event e = nowEvents[nowHead];
            nowEvents[nowHead] = null;
            nowHead = (nowHead + 1) % nowSeqs.length;
            nowSize--;
            return e;
        }
        current = times[0];
        return pollHeap();
    }

    private Event pollHeap() {
        Event top = events[0];
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Event e = events[last];
        events[last] = null;
        if (last > 0) {
            int i = 0;
            while (true) {
                int first = 4 * i + 1;
                if (first >= last) {
                    break;
                }
                int c = first;
                long ct = times[first];
                long cs = seqs[first];
                for (int k = first + 1, end = Math.min(first + 4, last); k < end; k++) {
                    if (less(times[k], seqs[k], ct, cs)) {
                        c = k;
                        ct = times[k];
                        cs = seqs[k];
                    }
                }
                if (!less(ct, cs, t, s)) {
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
