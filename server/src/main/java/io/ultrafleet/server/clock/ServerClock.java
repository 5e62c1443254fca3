package io.ultrafleet.server.clock;

import java.util.function.LongSupplier;

/**
 * The server's clock: milliseconds since the scenario's start, as the scheduler core counts time. It runs at {@code
 * scale} times the wall clock from an anchor (a moment of the server's clock and the wall-clock instant it was
 * then), so a week of virtual work can be watched in minutes. It keeps running while the server is down (the anchor is
 * stored, and the time since is counted at the same scale on the next start) and never goes backwards, even if the
 * wall clock does.
 */
public final class ServerClock {
    private final LongSupplier wallMs;
    private final long anchorMs;
    private final long anchorWallMs;
    private final double scale;
    private long last;

    /**
     * @param wallMs the wall clock, in milliseconds since 1970 (injected so that tests can move it)
     * @param anchorMs the server's time at the anchor
     * @param anchorWallMs the wall-clock instant of the anchor
     * @param scale virtual milliseconds per wall millisecond, > 0
     * @param notBefore the latest time the server ever gave out; the clock never goes back past it
     */
    public ServerClock(LongSupplier wallMs, long anchorMs, long anchorWallMs, double scale, long notBefore) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be > 0: " + scale);
        }
        this.wallMs = wallMs;
        this.anchorMs = anchorMs;
        this.anchorWallMs = anchorWallMs;
        this.scale = scale;
        this.last = notBefore;
    }

    /** The server's time now. */
    public synchronized long now() {
        long elapsed = wallMs.getAsLong() - anchorWallMs;
        long t = anchorMs + (long) Math.floor(Math.max(0, elapsed) * scale);
        if (t > last) {
            last = t;
        }
        return last;
    }

    /** Wall-clock milliseconds until the server's clock reaches {@code at}; 0 when it has. */
    public long wallMsUntil(long at) {
        long now = now();
        if (at <= now) {
            return 0;
        }
        double wall = (at - now) / scale;
        return wall >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(wall);
    }

    public double scale() {
        return scale;
    }

    public long anchorMs() {
        return anchorMs;
    }

    public long anchorWallMs() {
        return anchorWallMs;
    }

    /** The wall clock this clock reads. */
    public LongSupplier wall() {
        return wallMs;
    }
}
