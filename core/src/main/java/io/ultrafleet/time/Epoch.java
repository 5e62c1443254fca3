package io.ultrafleet.time;

import java.time.Instant;

/**
 * The instant a run or a server counts its time from. Two kinds of time meet at it: absolute time, milliseconds since
 * 1970 (UTC), as scenario files and outputs give dates; and the scheduler's time, milliseconds since this epoch, as the
 * core, the twin's clock and a server's clock count. Converting through an {@code Epoch} keeps the two from being
 * mixed up.
 *
 * @param startMs the epoch, in absolute milliseconds
 */
public record Epoch(long startMs) {
    /** The scheduler's time at {@code absoluteMs}. */
    public long toTime(long absoluteMs) {
        return Math.subtractExact(absoluteMs, startMs);
    }

    /** The absolute time of the scheduler's time {@code time}. */
    public long toAbsolute(long time) {
        return Math.addExact(startMs, time);
    }

    /** The instant of the scheduler's time {@code time}. */
    public Instant instant(long time) {
        return Instant.ofEpochMilli(toAbsolute(time));
    }

    /** The scheduler's time at {@code instant}. */
    public long toTime(Instant instant) {
        return toTime(instant.toEpochMilli());
    }
}
