package io.ultrafleet.server.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code perSecond} requests a second, in bursts of up to a second's worth. A caller over
 * it is told when to come back.
 */
public final class RateLimiter {
    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes one request for {@code caller}; returns 0 when allowed, else the seconds until one would be. */
    public long take(String caller) {
        Bucket b = buckets.computeIfAbsent(caller, k -> {
            Bucket n = new Bucket();
            n.tokens = perSecond;
            n.lastNanos = System.nanoTime();
            return n;
        });
        synchronized (b) {
            long now = System.nanoTime();
            b.tokens = Math.min(perSecond, b.tokens + (now - b.lastNanos) / 1e9 * perSecond);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }
}
