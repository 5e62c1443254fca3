package io.ultrafleet.twin.forecast;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.workload.JobRequest;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Demand after a snapshot as its history tells it.
 *
 * <ul>
 *   <li><b>Arrivals.</b> With at least a whole day of history, each day after the snapshot replays the submissions of
 *       one day of the window, drawn at random for each day and replication among the window's days of the same kind
 *       (weekday or weekend), at the same times of day: a queue's arrival rate, its daily and weekly rhythm, its bursts
 *       and the mix of sizes, durations and queues are the window's own.
 *       With less than a day, each queue's jobs arrive as a Poisson process at the rate of its submissions so far
 *       (counted over an hour at least), each shaped like one of them drawn at random.
 *   <li><b>Run times.</b> A job's true run time is its declared one times a ratio drawn from its queue's runs that
 *       ended in the window (actual over declared), among the ratios that leave it running as long as it has run
 *       already; a queue with no ended run keeps declared run times (ratio 1). A replayed job that had ended runs as
 *       long as it really ran.
 * </ul>
 *
 * Immutable: one model serves every replication, on any thread.
 */
final class DemandModel {
    /** A job that has outrun every ratio of its queue ends within this long. */
    private static final long OUTRUN_MS = 60_000L;

    private static final Comparator<JobRequest> BY_SUBMISSION =
            Comparator.comparingLong(JobRequest::submitMs).thenComparingLong(JobRequest::id);

    private final int queues;
    private final Epoch epoch;
    private final long takenAt;
    /** Whole days of history to replay; 0: Poisson arrivals instead. */
    private final int days;
    /** The window's submissions, in order. */
    private final JobRequest[] past;
    /**
     * Per submission of {@link #past}, how long it really ran when it ended by the snapshot; when it runs at the
     * snapshot, minus one less the work it has done; else -1 (it waits).
     */
    private final long[] pastRunMs;
    /** Per queue, jobs per millisecond, for Poisson arrivals. */
    private final double[] arrivalsPerMs;
    /** Per queue, its submissions, for Poisson arrivals. */
    private final JobRequest[][] shapes;
    /** Per queue, actual over declared run time of the window's ended runs, ascending. */
    private final double[][] ratios;
    /** How the window's submissions came in batches: what followed each in the same millisecond. */
    private final Batches batches;

    private DemandModel(
            int queues,
            Epoch epoch,
            long takenAt,
            int days,
            JobRequest[] past,
            long[] pastRunMs,
            double[] arrivalsPerMs,
            JobRequest[][] shapes,
            double[][] ratios,
            Batches batches) {
        this.queues = queues;
        this.epoch = epoch;
        this.takenAt = takenAt;
        this.days = days;
        this.past = past;
        this.pastRunMs = pastRunMs;
        this.arrivalsPerMs = arrivalsPerMs;
        this.shapes = shapes;
        this.ratios = ratios;
        this.batches = batches;
    }

    /** The shortest time Poisson arrival rates are counted over. */
    static final long MIN_RATE_SPAN_MS = ForecastSettings.HOUR_MS;

    /** The demand {@code history} shows over the {@code windowMs} up to {@code snapshot}. */
    static DemandModel of(DemandHistory history, LiveSnapshot snapshot, long windowMs) {
        long takenAt = snapshot.takenAt();
        int queues = snapshot.queues().size();
        long from = Math.max(history.since(), takenAt - windowMs);
        long span = Math.max(0, takenAt - from);
        List<JobRequest> window = new ArrayList<>();
        for (JobRequest r : history.submitted()) {
            if (r.submitMs() > from && r.submitMs() <= takenAt) {
                StartingState.queueOf(r, queues, "history");
                window.add(r);
            }
        }
        window.sort(BY_SUBMISSION);
        List<List<Double>> ratioLists = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            ratioLists.add(new ArrayList<>());
        }
        Map<Long, Long> runMs = new HashMap<>();
        for (DemandHistory.Ended e : history.ended()) {
            if (e.endedAt() > from && e.endedAt() <= takenAt) {
                int q = StartingState.queueOf(e.request(), queues, "history");
                ratioLists.get(q).add(e.runMs() / (double) e.request().estimateMs());
                runMs.put(e.request().id(), e.runMs());
            }
        }
        for (LiveSnapshot.Running r : snapshot.running()) {
            runMs.putIfAbsent(r.request().id(), -1 - StartingState.workDone(r, takenAt));
        }
        JobRequest[] past = window.toArray(new JobRequest[0]);
        long[] pastRunMs = new long[past.length];
        for (int i = 0; i < past.length; i++) {
            pastRunMs[i] = runMs.getOrDefault(past[i].id(), -1L);
        }
        double[] rates = new double[queues];
        JobRequest[][] shapes = new JobRequest[queues][];
        double[][] ratios = new double[queues][];
        for (int q = 0; q < queues; q++) {
            int queue = q;
            shapes[q] = window.stream().filter(r -> r.queue() == queue).toArray(JobRequest[]::new);
            // over an hour at least: a server started seconds ago has seen too little to tell a rate from a burst
            rates[q] = shapes[q].length / (double) Math.max(span, MIN_RATE_SPAN_MS);
            ratios[q] = ratioLists.get(q).stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
        }
        int days = (int) Math.min(Integer.MAX_VALUE, span / ForecastSettings.DAY_MS);
        return new DemandModel(
                queues,
                snapshot.epoch(),
                takenAt,
                days,
                past,
                pastRunMs,
                rates,
                shapes,
                ratios,
                Batches.of(past, queues));
    }

    /**
     * This model with each queue's actual-over-declared ratios drawn again, with replacement, from the window's: one
     * replication's own sample. The window's ended runs are only a sample of how long a queue's jobs run (a queue with
     * a few long runs in it ended three of them, not thirty), so each replication sees run times as another window
     * might have shown them, as it sees the window's days ({@link Arrivals.Replayed}).
     */
    DemandModel resampled(SplittableRandom random) {
        double[][] drawn = new double[queues][];
        for (int q = 0; q < queues; q++) {
            double[] rs = ratios[q];
            drawn[q] = new double[rs.length];
            for (int i = 0; i < rs.length; i++) {
                drawn[q][i] = rs[random.nextInt(rs.length)];
            }
            Arrays.sort(drawn[q]);
        }
        return new DemandModel(queues, epoch, takenAt, days, past, pastRunMs, arrivalsPerMs, shapes, drawn, batches);
    }

    /**
     * A bound on the jobs one replication's arrivals bring within {@code horizonMs} of the snapshot, batches drawn at
     * the snapshot's instant included: when the window's days are replayed, its busiest day for every day begun; for
     * Poisson arrivals, their mean over the horizon plus ten standard deviations (a run exceeds it with a chance of
     * less than one in 10^20).
     */
    long arrivalsBound(long horizonMs) {
        long bound = batches.mostFollowers();
        if (days > 0) {
            long busiest = 0;
            for (int lag = 1; lag <= days; lag++) {
                long from = takenAt - lag * ForecastSettings.DAY_MS;
                busiest = Math.max(busiest, countSubmittedIn(from, from + ForecastSettings.DAY_MS));
            }
            long daysBegun = (horizonMs + ForecastSettings.DAY_MS - 1) / ForecastSettings.DAY_MS;
            return bound + busiest * daysBegun;
        }
        double mean = 0;
        for (double perMs : arrivalsPerMs) {
            mean += perMs * horizonMs;
        }
        return bound + (long) Math.ceil(mean + 10 * Math.sqrt(mean) + 10);
    }

    /** The window's submissions from {@code from} (exclusive) to {@code to} (inclusive), as the replay counts days. */
    private long countSubmittedIn(long from, long to) {
        return firstAfter(to) - firstAfter(from);
    }

    /** The index of the first submission of {@link #past} after {@code t}. */
    int firstAfter(long t) {
        int lo = 0;
        int hi = past.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (past[mid].submitMs() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The latest submission of queue {@code q} in the window, or null when it has none. */
    JobRequest latest(int q) {
        JobRequest[] s = shapes[q];
        return s.length == 0 ? null : s[s.length - 1];
    }

    /** What follows, in the same millisecond, a job of queue {@code q} just submitted ({@link Batches#draw}). */
    int[] followers(int q, SplittableRandom random) {
        return batches.draw(q, random);
    }

    /** No arrivals, and every job runs exactly as long as declared: what a Slurm-style estimate assumes. */
    static DemandModel declared(int queues) {
        return new DemandModel(
                queues,
                new Epoch(0),
                0,
                0,
                new JobRequest[0],
                new long[0],
                new double[queues],
                new JobRequest[queues][0],
                new double[queues][0],
                Batches.NONE);
    }

    int queues() {
        return queues;
    }

    /** One replication's arrivals after the snapshot, drawn with {@code random}. */
    Arrivals arrivals(SplittableRandom random) {
        return days > 0 ? new Arrivals.Replayed(this, random) : new Arrivals.Poisson(this, random);
    }

    long takenAt() {
        return takenAt;
    }

    /** Whether scheduler time {@code t} falls on a Saturday or a Sunday, UTC. */
    boolean weekend(long t) {
        DayOfWeek d = epoch.instant(t).atZone(ZoneOffset.UTC).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    int days() {
        return days;
    }

    JobRequest[] past() {
        return past;
    }

    /**
     * How long submission {@code i} of {@link #past()} runs: as long as it really ran when it had ended by the
     * snapshot; when it runs at the snapshot, a run time drawn among those longer than it has run; else one drawn
     * afresh.
     */
    long pastWorkMs(int i, JobRequest again, SplittableRandom random) {
        long ran = pastRunMs[i];
        if (ran >= 0) {
            return Math.max(1, ran);
        }
        return workMs(again, -1 - ran, random);
    }

    /** Jobs per millisecond arriving in queue {@code q} when arrivals are Poisson. */
    double arrivalsPerMs(int q) {
        return arrivalsPerMs[q];
    }

    /** A submission of queue {@code q} drawn at random, for Poisson arrivals. */
    JobRequest shape(int q, SplittableRandom random) {
        return shapes[q][random.nextInt(shapes[q].length)];
    }

    /** {@code t} submitted again at {@code now} as job {@code id}. */
    static JobRequest resubmitted(JobRequest t, long id, long now) {
        return new JobRequest(
                id,
                t.name(), // a name made per job would cost a forecast of millions of arrivals a tenth of its time
                t.queue(),
                t.priority(),
                now,
                t.gpus(),
                t.minGpus(),
                t.estimateMs(),
                t.required(),
                t.preferred(),
                t.modelMask(),
                t.checkpointIntervalMs(),
                t.checkpointStallMs(),
                t.restartOverheadMs());
    }

    /**
     * A true run time (full-size milliseconds of work) for a job of {@code request} that has done {@code doneMs} of
     * work already: its declared run time times a ratio drawn among those that leave it still running. When none
     * does, the job runs to its declared time, or, already past it, ends within a minute.
     */
    long workMs(JobRequest request, long doneMs, SplittableRandom random) {
        long declared = request.estimateMs();
        double[] rs = ratios[request.queue()];
        double least = doneMs / (double) declared;
        // the ratios above least: a suffix of the ascending list
        int first = Arrays.binarySearch(rs, least);
        first = first >= 0 ? first : -first - 1;
        while (first < rs.length && rs[first] <= least) {
            first++;
        }
        if (first == rs.length) {
            return Math.max(declared, doneMs + OUTRUN_MS);
        }
        double ratio = rs[first + random.nextInt(rs.length - first)];
        return Math.max(doneMs + 1, Math.max(1, Math.round(declared * ratio)));
    }
}
