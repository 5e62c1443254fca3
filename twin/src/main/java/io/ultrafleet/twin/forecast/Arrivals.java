package io.ultrafleet.twin.forecast;

import io.ultrafleet.twin.demand.Sampler;
import io.ultrafleet.workload.JobRequest;
import java.util.SplittableRandom;

/**
 * One replication's arrivals after a snapshot, in time order, as {@link DemandModel} describes them. Single-threaded:
 * one per replication.
 */
abstract class Arrivals {
    /** No more arrivals. */
    static final long NONE = Long.MAX_VALUE;

    final DemandModel demand;
    final SplittableRandom random;

    Arrivals(DemandModel demand, SplittableRandom random) {
        this.demand = demand;
        this.random = random;
    }

    /** When the next job arrives, or {@link #NONE}. */
    abstract long nextAt();

    /** The next job, submitted at {@link #nextAt()} as job {@code id}; moves on to the one after. */
    abstract JobRequest take(long id);

    /** The true run time (full-size milliseconds of work) of the job {@link #take} just gave. */
    abstract long workMs();

    /**
     * Each day after the snapshot replays one day of the window, drawn at random: day k (from {@code takenAt + k}
     * days) replays the submissions from {@code takenAt - i} days to {@code takenAt - i + 1} days, for a lag i drawn
     * from 1 to the window's whole days, shifted by {@code k + i} days, so times of day are kept. A weekday is drawn
     * among the window's weekdays and a weekend day among its weekend days (by the UTC day of each day's middle), when
     * the window has some of that kind. Each replication first draws its own sample of the window's days, with
     * replacement, and then draws the coming days from it: the window is itself only a sample of the demand, and the
     * coming week may differ from it as much as one week differs from another.
     */
    static final class Replayed extends Arrivals {
        private final JobRequest[] past;
        /** Per lag (days back, from 1), the first submission of that day and the one after its last. */
        private final int[] firsts;

        private final int[] ends;
        /** This replication's sample of the lags whose days are weekdays, and of those whose days are weekend days. */
        private final int[][] lagsOfKind = new int[2][];

        private final boolean any;
        private int day = -1;
        private long shift;
        private int next;
        private int end;
        private long work;

        Replayed(DemandModel demand, SplittableRandom random) {
            super(demand, random);
            this.past = demand.past();
            int days = demand.days();
            firsts = new int[days + 1];
            ends = new int[days + 1];
            int[][] byKind = new int[2][days];
            int[] count = new int[2];
            int[] all = new int[days];
            for (int lag = 1; lag <= days; lag++) {
                long from = demand.takenAt() - lag * ForecastSettings.DAY_MS;
                firsts[lag] = demand.firstAfter(from);
                ends[lag] = demand.firstAfter(from + ForecastSettings.DAY_MS);
                int kind = kind(from);
                byKind[kind][count[kind]++] = lag;
                all[lag - 1] = lag;
            }
            // The replication's own sample of the window's days of each kind (all days when the window has none of
            // that kind), drawn with replacement: how far the coming days' demand may differ from the window's also
            // varies from replication to replication.
            boolean some = false;
            for (int k = 0; k < 2; k++) {
                int[] from = count[k] > 0 ? java.util.Arrays.copyOf(byKind[k], count[k]) : all;
                lagsOfKind[k] = new int[from.length];
                for (int i = 0; i < from.length; i++) {
                    int lag = from[random.nextInt(from.length)];
                    lagsOfKind[k][i] = lag;
                    some |= firsts[lag] < ends[lag];
                }
            }
            any = some;
            nextDay();
        }

        /** Moves on to the next day that has submissions to replay; days drawn empty pass without arrivals. */
        private void nextDay() {
            if (!any) {
                next = end = 0;
                return;
            }
            do {
                day++;
                int[] lags = lagsOfKind[kind(demand.takenAt() + (long) day * ForecastSettings.DAY_MS)];
                int lag = lags[random.nextInt(lags.length)];
                shift = (long) (day + lag) * ForecastSettings.DAY_MS;
                next = firsts[lag];
                end = ends[lag];
            } while (next == end);
        }

        /** 1 for a day from {@code from} whose middle falls on a Saturday or Sunday (UTC), else 0. */
        private int kind(long from) {
            return demand.weekend(from + ForecastSettings.DAY_MS / 2) ? 1 : 0;
        }

        @Override
        long nextAt() {
            return next < end ? past[next].submitMs() + shift : NONE;
        }

        @Override
        JobRequest take(long id) {
            int i = next;
            JobRequest r = DemandModel.resubmitted(past[i], id, past[i].submitMs() + shift);
            work = demand.pastWorkMs(i, r, random);
            if (++next == end) {
                nextDay();
            }
            return r;
        }

        @Override
        long workMs() {
            return work;
        }
    }

    /** Each queue's jobs arrive as a Poisson process at its rate, shaped like its submissions. */
    static final class Poisson extends Arrivals {
        private final long[] at;
        private int queue = -1;
        private long work;

        Poisson(DemandModel demand, SplittableRandom random) {
            super(demand, random);
            at = new long[demand.queues()];
            for (int q = 0; q < at.length; q++) {
                at[q] = after(q, demand.takenAt());
            }
            pick();
        }

        private long after(int q, long t) {
            double rate = demand.arrivalsPerMs(q);
            if (rate <= 0) {
                return NONE;
            }
            double gap = Math.max(1, Math.round(Sampler.exponential(random, 1 / rate)));
            return gap >= NONE - t ? NONE : t + (long) gap;
        }

        private void pick() {
            queue = -1;
            for (int q = 0; q < at.length; q++) {
                if (at[q] != NONE && (queue < 0 || at[q] < at[queue])) {
                    queue = q;
                }
            }
        }

        @Override
        long nextAt() {
            return queue < 0 ? NONE : at[queue];
        }

        @Override
        JobRequest take(long id) {
            long now = at[queue];
            JobRequest r = DemandModel.resubmitted(demand.shape(queue, random), id, now);
            work = demand.workMs(r, 0, random);
            at[queue] = after(queue, now);
            pick();
            return r;
        }

        @Override
        long workMs() {
            return work;
        }
    }
}
