package io.ultrafleet.twin.replay.philly;

import java.util.Arrays;

/**
 * Active servers once a minute, from {@code startMs} (a midnight of the trace's clock) for {@code minutes} minutes:
 * the count at each minute mark, after the events of that instant, as the real series gives one row per minute.
 */
public final class ActiveSeries {
    public static final long MINUTE_MS = 60_000L;
    public static final int MINUTES_PER_DAY = 1440;

    private final long startMs;
    private final int[] active;

    ActiveSeries(long startMs, int minutes) {
        this.startMs = startMs;
        this.active = new int[minutes];
    }

    /** The count was {@code value} from {@code from} (inclusive) to {@code to} (exclusive). */
    void hold(long from, long to, int value) {
        long first = Math.max(0, Math.floorDiv(from - startMs + MINUTE_MS - 1, MINUTE_MS));
        long last = Math.min(active.length, Math.floorDiv(to - startMs + MINUTE_MS - 1, MINUTE_MS));
        for (long m = first; m < last; m++) {
            active[(int) m] = value;
        }
    }

    public long startMs() {
        return startMs;
    }

    public long endMs() {
        return startMs + active.length * MINUTE_MS;
    }

    public int minutes() {
        return active.length;
    }

    /** Active servers at minute {@code m}. */
    public int at(int m) {
        return active[m];
    }

    public int days() {
        return active.length / MINUTES_PER_DAY;
    }

    /** The mean of day {@code d} (0 is the first). */
    public double dailyMean(int d) {
        long sum = 0;
        for (int m = d * MINUTES_PER_DAY; m < (d + 1) * MINUTES_PER_DAY; m++) {
            sum += active[m];
        }
        return sum / (double) MINUTES_PER_DAY;
    }

    /** The mean over all minutes. */
    public double mean() {
        return Arrays.stream(active).average().orElse(0);
    }
}
