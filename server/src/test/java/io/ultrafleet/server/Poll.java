package io.ultrafleet.server;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in tests for something a server does in its own time, bounded. */
final class Poll {
    private Poll() {}

    /** Waits until {@code done}, looking every 20 ms; fails naming {@code what} after {@code seconds}. */
    static void until(BooleanSupplier done, int seconds, String what) throws InterruptedException {
        value(() -> done.getAsBoolean() ? Boolean.TRUE : null, seconds, what);
    }

    /** What {@code found} gives once it gives something other than null, looking every 20 ms; as {@link #until}. */
    static <T> T value(Supplier<T> found, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (T v; ; ) {
            if ((v = found.get()) != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
