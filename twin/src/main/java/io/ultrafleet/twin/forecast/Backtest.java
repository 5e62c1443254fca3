package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.cost.PlacementRules;
import io.ultrafleet.twin.run.RunObserver;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Holds forecasts against what really happened. The twin runs a scenario through a window of submissions and on;
 * every job of the window that did not start within a minute of its submission (the first N, in submission order) is
 * forecast from the run's state at its submission, as a server would have forecast it then, with the history up to
 * then, and the forecast is compared with when the job really started in that same run; so is a Slurm-style estimate
 * made from the same state.
 *
 * <p>One run does it all. At each submission of the window the run's state is copied into a {@link LiveSnapshot} and
 * held; a minute later, when the job has not started, it is forecast from that snapshot and from the history up to
 * its submission ({@link RunHistory#upTo}); else the snapshot is dropped. The snapshot is plain data taken before the
 * run went on, and the history is cut at the submission, so a forecast cannot know the run's future. The run goes on
 * until the window has passed and every job forecast has started (or a horizon has passed since its submission).
 */
public final class Backtest {
    /** Told how a back-test goes; may throw to stop it (Ctrl-C). */
    public interface Listener {
        /** The twin's clock and events fired so far, every {@link io.ultrafleet.twin.engine.Simulation#PROGRESS_EVERY}. */
        default void twin(long now, long events) {}

        /** {@code done} of the {@code total} jobs (at most) have been forecast. */
        default void forecast(int done, int total) {}
    }

    private final HardwareCatalogue catalogue;
    private final BacktestSettings settings;
    private final LongSupplier nanoTicker;

    public Backtest(HardwareCatalogue catalogue, BacktestSettings settings, LongSupplier nanoTicker) {
        this.catalogue = catalogue;
        this.settings = settings;
        this.nanoTicker = nanoTicker;
    }

    /** Back-tests {@code scenario}, whose run must include the window's start. */
    public BacktestResult run(Scenario scenario, Listener listener) {
        Scenario s = scenario.with(scenario.seed(), settings.runEndMs(scenario.endMs()));
        Epoch epoch = s.epoch();
        long from = epoch.toTime(settings.atMs());
        long until = epoch.toTime(settings.untilMs());
        try (Forecaster forecaster = new Forecaster(
                catalogue, s.reliability(), PlacementRules.facts(s, catalogue), settings.forecast(), nanoTicker)) {
            Watch watch = new Watch(s, from, until, forecaster, listener);
            TwinRun run = new TwinRun(s, catalogue);
            run.observe(watch);
            run.onProgress((now, events) -> {
                listener.twin(now, events);
                watch.check(now);
            });
            try {
                run.run();
            } catch (Enough e) {
                // every answer is in: the rest of the run would change nothing
            }
            watch.check(Long.MAX_VALUE);
            List<BacktestResult.Row> rows = new ArrayList<>();
            for (Forecasting f : watch.made) {
                if (f.job.state() != JobState.CANCELLED) {
                    rows.add(f.row(
                            epoch, f.job.firstStartMs(), settings.forecast().horizonMs()));
                }
            }
            return new BacktestResult(s.name(), s.seed(), settings, watch.waited, rows);
        }
    }

    /** Thrown from inside the run once nothing more is to be learnt from it. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super("back-test complete", null, false, false);
        }
    }

    /** Follows the run: holds a snapshot per submission of the window until its minute has passed. */
    private final class Watch implements RunObserver {
        private final Scenario scenario;
        private final long from;
        private final long until;
        private final Forecaster forecaster;
        private final Listener listener;
        private final RunHistory history;
        private final ArrayDeque<Held> held = new ArrayDeque<>();
        private final List<Forecasting> made = new ArrayList<>();
        private int waited;

        Watch(Scenario scenario, long from, long until, Forecaster forecaster, Listener listener) {
            this.scenario = scenario;
            this.from = from;
            this.until = until;
            this.forecaster = forecaster;
            this.listener = listener;
            this.history = new RunHistory(settings.forecast().windowMs(), 0);
        }

        @Override
        public void submitted(Job job, View at) {
            check(at.now());
            history.submitted(job, at);
            if (at.now() >= from && at.now() < until) {
                boolean wanted = made.size() < settings.jobs();
                held.addLast(
                        wanted
                                ? new Held(job, TwinSnapshots.of(scenario, at), history.mark(at.now()))
                                : new Held(job, null, null));
            }
        }

        @Override
        public void ended(Job job, long now) {
            check(now);
            history.ended(job, now);
        }

        /**
         * Settles every held submission whose minute has passed by {@code now}: forecast if its job waited; then
         * ends the run when it has nothing more to say.
         */
        void check(long now) {
            while (!held.isEmpty() && held.peekFirst().job.submitMs() + BacktestSettings.WAITED_MS < now) {
                Held h = held.removeFirst();
                Job job = h.job;
                long first = job.firstStartMs();
                if (first >= 0 && first - job.submitMs() <= BacktestSettings.WAITED_MS) {
                    continue;
                }
                waited++;
                if (h.snapshot != null && made.size() < settings.jobs()) {
                    forecast(job, h.snapshot, history.upTo(h.history));
                }
            }
            if (held.isEmpty() && now > until + BacktestSettings.WAITED_MS && now != Long.MAX_VALUE && allKnown(now)) {
                throw new Enough();
            }
            history.forget(held.isEmpty() ? now : held.peekFirst().job.submitMs());
        }

        private void forecast(Job job, LiveSnapshot snapshot, DemandHistory past) {
            made.add(new Forecasting(
                    job,
                    snapshot.queues().get(job.queue()).name(),
                    forecaster.forecastStart(snapshot, past, job.id()),
                    forecaster.slurmStyleStart(snapshot, job.id())));
            listener.forecast(made.size(), settings.jobs());
        }

        /** Whether every job forecast has started, or a horizon has passed since its submission. */
        private boolean allKnown(long now) {
            for (Forecasting f : made) {
                if (f.job.firstStartMs() < 0
                        && now < f.job.submitMs() + settings.forecast().horizonMs()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A submission of the window, with the state and the history at that instant (nulls when no more forecasts are
     * wanted).
     */
    private record Held(Job job, LiveSnapshot snapshot, RunHistory.Mark history) {}

    /** What was said of one job at its submission. */
    private record Forecasting(Job job, String queue, Forecast.JobStart forecast, Instant slurmStyle) {
        BacktestResult.Row row(Epoch e, long started, long horizonMs) {
            return new BacktestResult.Row(
                    job.name(),
                    queue,
                    e.instant(job.submitMs()),
                    started < 0 ? null : e.instant(started),
                    forecast.p10(),
                    forecast.p50(),
                    forecast.p90(),
                    slurmStyle,
                    e.instant(job.submitMs() + horizonMs));
        }
    }
}
