package io.ultrafleet.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM. When the JVM is told to stop, its shutdown hook asks the command to stop: long work
 * checks {@link #check()} as it goes (the run's progress, each replication, each seed) and ends by throwing
 * {@link Stopped}, which removes what the command had half-written. The hook waits a few seconds for that; then it
 * removes, itself, the staged outputs still open, and the JVM ends with status 130 (SIGINT) or 143 (SIGTERM).
 */
final class StopSignal {
    /** How long the hook waits for the command to end by itself. */
    static final long GRACE_MS = 4_000;

    private volatile boolean requested;
    private final Set<StagedOutput> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch ended = new CountDownLatch(1);

    /** Asked to stop: thrown from long work, and caught where the command ends. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped by a signal", null, false, false);
        }
    }

    /** Installs the shutdown hook that asks for a stop; for the real command only, not for tests in one JVM. */
    void installHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "ultrafleet-stop"));
    }

    /** Throws {@link Stopped} once a stop has been asked for. */
    void check() {
        if (requested) {
            throw new Stopped();
        }
    }

    boolean requested() {
        return requested;
    }

    /** Asks the command to stop, as the hook does. */
    void request() {
        requested = true;
    }

    /** The command has ended (normally or not): the hook need not wait any more. */
    void ended() {
        ended.countDown();
    }

    /** Remembers a staged output, so that the hook can remove it if the command does not end in time. */
    void track(StagedOutput output) {
        open.add(output);
    }

    void untrack(StagedOutput output) {
        open.remove(output);
    }

    private void onShutdown() {
        request();
        try {
            ended.await(GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (StagedOutput o : open) {
            o.abort();
        }
    }
}
