package io.ultrafleet.twin.engine;

/**
 * The discrete-event kernel: a clock in milliseconds since the scenario epoch and a queue of future events. Time
 * only moves forward, and only from one event to the next; there is no wall clock here.
 */
public final class Simulation {
    /** Told when time moves on, before the events of the new instant fire. */
    public interface TimeListener {
        void advance(long from, long to);
    }

    /** Told every {@link #PROGRESS_EVERY} events. */
    public interface ProgressListener {
        void progress(long now, long events);
    }

    public static final int PROGRESS_EVERY = 1 << 16;

    private final EventQueue queue = new EventQueue();
    private long now;
    private long events;
    private TimeListener timeListener = (from, to) -> {};
    private ProgressListener progressListener = (t, n) -> {};

    public long now() {
        return now;
    }

    public long eventsFired() {
        return events;
    }

    public void onAdvance(TimeListener listener) {
        this.timeListener = listener;
    }

    public void onProgress(ProgressListener listener) {
        this.progressListener = listener;
    }

    /** Schedules {@code event} at absolute time {@code at}, which must not be in the past. */
    public void at(long at, Event event) {
        if (at < now) {
            throw new IllegalArgumentException("event at " + at + " is before now " + now);
        }
        queue.add(at, event);
    }

    /** Schedules {@code event} {@code delay} ms from now. */
    public void after(long delay, Event event) {
        at(now + delay, event);
    }

    /**
     * Fires events in (time, sequence) order while they are before {@code until}; then moves the clock to {@code
     * until}. Events at or after {@code until} stay queued.
     */
    public void runUntil(long until) {
        while (!queue.isEmpty() && queue.peekTime() < until) {
            long t = queue.peekTime();
            if (t != now) {
                timeListener.advance(now, t);
                now = t;
            }
            queue.poll().fire(t);
            if ((++events & (PROGRESS_EVERY - 1)) == 0) {
                progressListener.progress(now, events);
            }
        }
        if (until > now) {
            timeListener.advance(now, until);
            now = until;
        }
    }

    public int pending() {
        return queue.size();
    }
}
