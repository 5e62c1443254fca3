package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Forecasts from a live scheduler's state: runs the twin forward from a {@link LiveSnapshot} R times (its {@link
 * ForecastSettings}), in parallel on a pool of its own of at most {@code threads} threads, with demand drawn from a
 * {@link DemandHistory} and failures from the scenario's reliability section, and sums up what the runs saw.
 *
 * <p>Pure and thread-safe: a forecast depends only on the snapshot, the history and the settings (replication r
 * draws from streams derived from the seed and r alone, whatever thread runs it), reads no clock but the ticker it
 * is given (for {@link Forecast#tookMs()}), and keeps nothing between calls; several threads may ask at once. Close it
 * to stop its threads.
 */
public final class Forecaster implements AutoCloseable {
    private final HardwareCatalogue catalogue;
    private final ReliabilitySpec reliability;
    private final PlacementFacts sites;
    private final ForecastSettings settings;
    private final LongSupplier nanoTicker;
    private final ExecutorService pool;

    /**
     * @param catalogue the hardware models the snapshot's fleet names
     * @param reliability the failures replications draw ({@link ReliabilitySpec#OFF} for none)
     * @param settings replications, seed, threads, horizon, history window
     * @param nanoTicker a clock in nanoseconds, read only to say how long a forecast took ({@code System::nanoTime})
     */
    public Forecaster(
            HardwareCatalogue catalogue,
            ReliabilitySpec reliability,
            ForecastSettings settings,
            LongSupplier nanoTicker) {
        this(catalogue, reliability, null, settings, nanoTicker);
    }

    /**
     * A forecaster whose replications choose sites as the scenario's {@code scheduler.placement} says (the snapshot's
     * scheduler section), with the scenario's site prices and carbon.
     *
     * @param sites the sites' groups, prices and carbon ({@code PlacementRules.facts}), numbered as the snapshots'
     *     fleet layout numbers them; null when nothing is known of them
     */
    public Forecaster(
            HardwareCatalogue catalogue,
            ReliabilitySpec reliability,
            PlacementFacts sites,
            ForecastSettings settings,
            LongSupplier nanoTicker) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.reliability = Objects.requireNonNull(reliability, "reliability");
        this.sites = sites;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.pool = Executors.newFixedThreadPool(settings.threads(), threads());
    }

    public ForecastSettings settings() {
        return settings;
    }

    /**
     * Every queued job's start, every running job's end, and the fleet's bands to the horizon.
     *
     * @throws IllegalArgumentException if the snapshot or history does not hold together (a job in a queue the
     *     snapshot lacks, units held twice, a rack of a site the layout lacks)
     */
    public Forecast forecast(LiveSnapshot snapshot, DemandHistory history) {
        long t0 = nanoTicker.getAsLong();
        DemandModel demand = demand(snapshot, history);
        long horizonMs = horizonMs(snapshot, demand);
        long stepMs = Math.min(settings.bandStepMs(), horizonMs);
        Outcome[] outcomes = replicate(snapshot, demand, horizonMs, run -> run.toHorizon(stepMs));
        return new Forecast(
                snapshot.instant(),
                (nanoTicker.getAsLong() - t0) / 1_000_000L,
                settings.replications(),
                snapshot.epoch().instant(snapshot.takenAt() + horizonMs),
                Spread.starts(snapshot, outcomes, horizonMs),
                Spread.ends(snapshot, outcomes),
                Spread.bands(snapshot, outcomes, stepMs));
    }

    /**
     * The start of one queued job: each replication runs only until that job starts, so this costs less than a whole
     * {@link #forecast}.
     *
     * @throws IllegalArgumentException if the job is not queued in the snapshot
     */
    public Forecast.JobStart forecastStart(LiveSnapshot snapshot, DemandHistory history, long jobId) {
        int index = queuedIndex(snapshot, jobId);
        DemandModel demand = demand(snapshot, history);
        long horizonMs = horizonMs(snapshot, demand);
        Outcome[] outcomes = replicate(snapshot, demand, horizonMs, run -> run.untilStart(index));
        return Spread.start(snapshot, outcomes, index, horizonMs);
    }

    /**
     * A Slurm-style estimate of a queued job's start, as {@code squeue --start} gives one: the same scheduler run once
     * from the snapshot with every job running exactly as long as declared, no new arrivals and no failures; null when
     * it starts after the horizon.
     */
    public Instant slurmStyleStart(LiveSnapshot snapshot, long jobId) {
        int index = queuedIndex(snapshot, jobId);
        DemandModel declared = DemandModel.declared(snapshot.queues().size());
        long horizonMs = horizonMs(snapshot, declared);
        ForecastRun run = new ForecastRun(
                snapshot,
                catalogue,
                sites,
                declared,
                ReliabilitySpec.OFF,
                new RandomStreams(0),
                horizonMs,
                settings.jobsPerReplication());
        return Spread.instant(snapshot.epoch(), run.untilStart(index).starts[index]);
    }

    /**
     * How far ahead the replications run: the settings' horizon, unless the snapshot's jobs and the arrivals the demand
     * may bring by then would not fit a replication's share of the job budget; then the longest whole number of hours
     * whose jobs fit. A queue of a million jobs on a server whose history shows a burst of submissions would otherwise
     * have each replication hold tens of millions, and take the server's heap.
     *
     * @throws ForecastTooLarge when not even an hour's fits
     */
    long horizonMs(LiveSnapshot snapshot, DemandModel demand) {
        long held = snapshot.pending().size() + (long) snapshot.running().size();
        long budget = settings.jobsPerReplication();
        if (held + demand.arrivalsBound(settings.horizonMs()) <= budget) {
            return settings.horizonMs();
        }
        long hours = settings.horizonMs() / ForecastSettings.HOUR_MS;
        long lo = 0; // hours known to fit (0: none yet)
        long hi = hours; // hours known not to fit
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (held + demand.arrivalsBound(mid * ForecastSettings.HOUR_MS) <= budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            throw new ForecastTooLarge(String.format(
                    java.util.Locale.ROOT,
                    "a forecast would hold %,d jobs in each of its runs (%,d queued or running, and up to %,d arriving"
                            + " within an hour as the history's demand goes), more than the %,d its share of the"
                            + " heap holds; give the server a larger heap (-Xmx) or fewer forecast threads",
                    held + demand.arrivalsBound(ForecastSettings.HOUR_MS),
                    held,
                    demand.arrivalsBound(ForecastSettings.HOUR_MS),
                    budget));
        }
        return lo * ForecastSettings.HOUR_MS;
    }

    /** No forecast fits its job budget, even one an hour ahead. */
    public static final class ForecastTooLarge extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ForecastTooLarge(String message) {
            super(message);
        }
    }

    private DemandModel demand(LiveSnapshot snapshot, DemandHistory history) {
        return DemandModel.of(history, snapshot, settings.windowMs());
    }

    private static int queuedIndex(LiveSnapshot snapshot, long jobId) {
        for (int i = 0; i < snapshot.pending().size(); i++) {
            if (snapshot.pending().get(i).request().id() == jobId) {
                return i;
            }
        }
        throw new IllegalArgumentException("job " + jobId + " is not queued in the snapshot");
    }

    /** Runs every replication on the pool, each on streams of its own, and returns their outcomes in order. */
    private Outcome[] replicate(
            LiveSnapshot snapshot, DemandModel demand, long horizonMs, Function<ForecastRun, Outcome> drive) {
        RandomStreams base = new RandomStreams(settings.seed());
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int r = 0; r < settings.replications(); r++) {
            long seed = base.stream("replication/" + r).nextLong();
            futures.add(pool.submit(() -> drive.apply(new ForecastRun(
                    snapshot,
                    catalogue,
                    sites,
                    demand,
                    reliability,
                    new RandomStreams(seed),
                    horizonMs,
                    settings.jobsPerReplication()))));
        }
        Outcome[] out = new Outcome[futures.size()];
        try {
            for (int r = 0; r < out.length; r++) {
                out[r] = futures.get(r).get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("forecast interrupted");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "ultrafleet-forecast-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the pool's threads; forecasts under way finish first. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
