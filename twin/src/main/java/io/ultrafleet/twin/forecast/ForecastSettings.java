package io.ultrafleet.twin.forecast;

/**
 * How a forecast is made.
 *
 * @param replications runs of the twin from the same snapshot, each with its own random draws (1 to 1,000)
 * @param seed what every replication's random streams derive from: the same snapshot, history and seed give the same
 *     forecast
 * @param threads replications run at once, at most (1 to 256)
 * @param horizonMs how far ahead the twin runs: a job that has not started (or ended) by then is "later"
 * @param windowMs how far back the history is read for arrival rates, job shapes and run-time ratios
 * @param bandStepMs time between two points of the fleet's bands
 * @param jobBudget the most jobs the replications run at once may hold together (the snapshot's and those that arrive
 *     after it): a forecast whose demand would outgrow it looks less far ahead ({@link Forecaster})
 */
public record ForecastSettings(
        int replications, long seed, int threads, long horizonMs, long windowMs, long bandStepMs, long jobBudget) {
    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 24 * HOUR_MS;

    /** The most replications of one forecast. */
    public static final int MAX_REPLICATIONS = 1_000;

    /**
     * What one job of a replication takes of the heap, with its request, progress, memo and its share of the run's
     * queues and events, rounded up: measured at 420 bytes (a heap histogram of a forecast of 200,000 queued jobs).
     */
    public static final long BYTES_PER_JOB = 600;

    /** The smallest job budget: a forecast of a small lab never looks less far ahead for want of heap. */
    public static final long MIN_JOB_BUDGET = 100_000;

    /**
     * 16 replications, seed 42, up to 16 at once on this machine's cores, 7 days ahead, 7 days back, hourly bands,
     * and jobs taking at most a quarter of this JVM's heap ({@link #heapJobBudget}).
     */
    public static ForecastSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ForecastSettings(
                16, 42, Math.max(1, Math.min(16, cores)), 7 * DAY_MS, 7 * DAY_MS, HOUR_MS, heapJobBudget());
    }

    /** The jobs a quarter of this JVM's largest heap holds, at {@link #BYTES_PER_JOB}; {@link #MIN_JOB_BUDGET} at least. */
    public static long heapJobBudget() {
        return Math.max(MIN_JOB_BUDGET, Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_JOB);
    }

    public ForecastSettings {
        if (replications < 1 || replications > MAX_REPLICATIONS) {
            throw new IllegalArgumentException("replications must be from 1 to " + MAX_REPLICATIONS);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be from 1 to 256");
        }
        if (horizonMs < HOUR_MS || windowMs < HOUR_MS) {
            throw new IllegalArgumentException("horizon and window must be at least an hour");
        }
        if (bandStepMs < 60_000L || bandStepMs > horizonMs) {
            throw new IllegalArgumentException("band step must be from a minute to the horizon");
        }
        if (jobBudget < 1) {
            throw new IllegalArgumentException("job budget must be at least 1");
        }
    }

    /** The most jobs one replication may hold: the budget shared by the replications that run at once. */
    public long jobsPerReplication() {
        return Math.max(1, jobBudget / Math.min(threads, replications));
    }

    public ForecastSettings withReplications(int n) {
        return new ForecastSettings(n, seed, threads, horizonMs, windowMs, bandStepMs, jobBudget);
    }

    public ForecastSettings withSeed(long s) {
        return new ForecastSettings(replications, s, threads, horizonMs, windowMs, bandStepMs, jobBudget);
    }

    public ForecastSettings withThreads(int n) {
        return new ForecastSettings(replications, seed, n, horizonMs, windowMs, bandStepMs, jobBudget);
    }

    public ForecastSettings withHorizon(long ms) {
        return new ForecastSettings(replications, seed, threads, ms, windowMs, bandStepMs, jobBudget);
    }

    public ForecastSettings withWindow(long ms) {
        return new ForecastSettings(replications, seed, threads, horizonMs, ms, bandStepMs, jobBudget);
    }

    public ForecastSettings withJobBudget(long jobs) {
        return new ForecastSettings(replications, seed, threads, horizonMs, windowMs, bandStepMs, jobs);
    }
}
