package io.ultrafleet.server.api;

import io.ultrafleet.server.ha.NotLeader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/** A request waiting for the scheduler loop to commit what it asked for. */
final class Waits {
    /** How long a request waits for its change to be committed. */
    static final long COMMIT_WAIT_S = 30;

    private Waits() {}

    static <T> T on(CompletableFuture<T> f) {
        return on(f, cause -> null);
    }

    /**
     * As {@link #on(CompletableFuture)}, answering a failure for which {@code refusal} gives an answer with that answer
     * (the loop refused the change for a reason of the request's own).
     */
    static <T> T on(CompletableFuture<T> f, Function<Throwable, ApiException> refusal) {
        try {
            return f.get(COMMIT_WAIT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw ApiException.unavailable("the database did not confirm in time; retry", 5);
        } catch (ExecutionException e) {
            ApiException refused = refusal.apply(e.getCause());
            if (refused != null) {
                throw refused;
            }
            if (e.getCause() instanceof NotLeader n) {
                throw ApiException.unavailable(
                        "this server stands by; "
                                + (n.leaderUrl() == null
                                        ? "no server leads now, retry in a few seconds"
                                        : "send changes to the leader at " + n.leaderUrl()),
                        1);
            }
            throw ApiException.unavailable("the database refused the change; nothing was stored, retry", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is stopping", 5);
        }
    }

    /** The first non-null value of {@code read}, looked at until the loop's next picture (a second at most). */
    static <T> T until(Supplier<T> read) {
        long end = System.nanoTime() + 2_000_000_000L;
        T v;
        while ((v = read.get()) == null && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (v == null) {
            throw ApiException.unavailable("the change was stored but is not visible yet; look again", 1);
        }
        return v;
    }
}
