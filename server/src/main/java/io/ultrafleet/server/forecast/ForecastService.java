package io.ultrafleet.server.forecast;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.server.live.LoopCommand;
import io.ultrafleet.server.live.SchedulerLoop;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's forecasts: made from a snapshot of the live state and the history in the database, kept until the
 * state changes, and computed off the scheduler loop. The loop only copies its state at the end of a turn (a {@link
 * LoopCommand.TakeSnapshot}); the history is read and the forecast run on a thread of this service, whose
 * replications run on the forecasting's own bounded pool. At most one forecast is computed at a time and at most one
 * more waits: callers who come while one waits join it, since it takes its snapshot only when it starts.
 */
public final class ForecastService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastService.class);

    /** How long a snapshot may take to come from the loop. */
    static final long SNAPSHOT_WAIT_S = 30;

    /**
     * A forecast and the state it was made from.
     *
     * @param version the live state's version at its snapshot
     * @param forecast what it says
     */
    public record Made(long version, Forecast forecast) {}

    /**
     * What a caller gets.
     *
     * @param cached whether it was made before this call, for a state that has not changed since
     */
    public record Answer(Made made, boolean cached) {
        public Forecast forecast() {
            return made.forecast();
        }
    }

    /** The forecast is not ready within the caller's wait, or could not be made. */
    public static final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean worthRetrying;

        public NotReady(String message) {
            this(message, true);
        }

        NotReady(String message, boolean worthRetrying) {
            super(message, null, false, false);
            this.worthRetrying = worthRetrying;
        }

        /** False when asking again soon will not help: the state is too large to forecast (until it changes). */
        public boolean worthRetrying() {
            return worthRetrying;
        }
    }

    private final SchedulerLoop loop;
    private final JobHistory history;
    private final Forecasting forecasting;
    private final ExecutorService worker;
    private volatile Made latest;
    private Pending waiting;
    private Pending running;

    private static final class Pending {
        final CompletableFuture<Made> result = new CompletableFuture<>();
        /** The state's version when it was asked for: it will be at least as new. */
        final long askedAt;

        Pending(long askedAt) {
            this.askedAt = askedAt;
        }
    }

    public ForecastService(SchedulerLoop loop, JobHistory history, Forecasting forecasting) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.history = Objects.requireNonNull(history, "history");
        this.forecasting = Objects.requireNonNull(forecasting, "forecasting");
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "ultrafleet-forecasts");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The forecast of the state as it is now: the one kept, unless the state changed since it was made (or {@code
     * fresh} asks for a new one anyway), else a new one, waited for up to {@code waitMs}.
     *
     * @throws NotReady when it is not ready in time (it is still made, and kept) or could not be made
     */
    public Answer current(boolean fresh, long waitMs) {
        long version = loop.version();
        Made kept = latest;
        if (!fresh && kept != null && kept.version() >= version) {
            return new Answer(kept, true);
        }
        Pending p;
        synchronized (this) {
            if (waiting != null) {
                p = waiting;
            } else if (!fresh && running != null && running.askedAt >= version) {
                p = running;
            } else {
                p = new Pending(version);
                waiting = p;
                Pending mine = p;
                worker.execute(() -> make(mine));
            }
        }
        try {
            return new Answer(p.result.get(waitMs, TimeUnit.MILLISECONDS), false);
        } catch (TimeoutException e) {
            throw new NotReady("the forecast is still being computed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Forecasting.TooLarge t) {
                throw new NotReady("no forecast: " + t.getMessage(), false);
            }
            String why = e.getCause().getMessage();
            throw new NotReady("the forecast failed" + (why == null ? " (see the server's log)" : ": " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("the server is stopping");
        }
    }

    /** The forecast kept, if any, whatever state it was made from. */
    public Made latest() {
        return latest;
    }

    private void make(Pending p) {
        synchronized (this) {
            if (waiting == p) {
                waiting = null;
            }
            running = p;
        }
        try {
            CompletableFuture<LoopCommand.Snapshot> taken = new CompletableFuture<>();
            loop.submit(new LoopCommand.TakeSnapshot(taken));
            LoopCommand.Snapshot s = taken.get(SNAPSHOT_WAIT_S, TimeUnit.SECONDS);
            DemandHistory past = history.read(s.state().takenAt(), forecasting.windowMs());
            Made made = new Made(s.version(), forecasting.forecast(s.state(), past));
            synchronized (this) {
                if (latest == null || latest.version() <= made.version()) {
                    latest = made;
                }
            }
            p.result.complete(made);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.result.completeExceptionally(e);
        } catch (TimeoutException e) {
            p.result.completeExceptionally(new IllegalStateException("the scheduler loop gave no snapshot in time"));
        } catch (Forecasting.TooLarge e) {
            LOG.warn("no forecast: {}", e.getMessage());
            p.result.completeExceptionally(e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.error("forecast failed: {}", cause.toString(), cause);
            p.result.completeExceptionally(cause);
        } finally {
            synchronized (this) {
                if (running == p) {
                    running = null;
                }
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        forecasting.close();
    }
}
