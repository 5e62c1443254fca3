package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.forecast.Forecast;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import io.ultrafleet.twin.scenario.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forecasts from one snapshot of the small lab: what they answer, and that the same inputs give the same answer. */
class ForecasterTest {
    private static final long DAY = ForecastSettings.DAY_MS;

    private static Scenario lab;
    private static SmallLab.Taken taken;

    @BeforeAll
    static void snapshot() {
        lab = SmallLab.scenario();
        taken = SmallLab.snapshotAt(lab, 5 * DAY);
    }

    private static ForecastSettings settings(int threads, long seed) {
        return ForecastSettings.defaults()
                .withReplications(8)
                .withThreads(threads)
                .withSeed(seed)
                .withHorizon(3 * DAY);
    }

    private static Forecast forecast(int threads, long seed) {
        try (Forecaster f = new Forecaster(SmallLab.CATALOGUE, lab.reliability(), settings(threads, seed), () -> 0L)) {
            return f.forecast(taken.snapshot(), taken.history());
        }
    }

    @Test
    void theSnapshotHoldsARunningFleetAndAQueue() {
        LiveSnapshot s = taken.snapshot();
        assertThat(s.racks()).hasSize(12);
        assertThat(s.running()).isNotEmpty();
        assertThat(s.pending()).hasSizeGreaterThan(3);
        assertThat(s.queues()).extracting(LiveSnapshot.Queue::name).containsExactly("lab/research", "lab/eval");
        assertThat(taken.history().submitted()).isNotEmpty();
        assertThat(taken.history().submitted()).allMatch(r -> r.submitMs() <= s.takenAt());
        assertThat(taken.history().ended()).allMatch(e -> e.endedAt() <= s.takenAt());
    }

    @Test
    void sameSnapshotHistoryAndSeedGiveTheSameForecastOnAnyNumberOfThreads() {
        Forecast one = forecast(1, 42);
        Forecast two = forecast(2, 42);
        Forecast again = forecast(2, 42);
        assertThat(two).usingRecursiveComparison().isEqualTo(one);
        assertThat(again).usingRecursiveComparison().isEqualTo(one);
        assertThat(forecast(2, 43).starts()).isNotEqualTo(one.starts());
    }

    @Test
    void everyQueuedJobGetsOrderedPercentilesAndShares() {
        Forecast f = forecast(2, 42);
        LiveSnapshot s = taken.snapshot();
        assertThat(f.snapshotAt()).isEqualTo(s.instant());
        assertThat(f.replications()).isEqualTo(8);
        assertThat(f.starts()).hasSize(s.pending().size());
        for (Forecast.JobStart j : f.starts().values()) {
            assertThat(j.withinHour()).isBetween(0.0, 1.0).isLessThanOrEqualTo(j.withinDay());
            assertThat(j.withinWeek())
                    .as("a week reaches past the 3-day horizon")
                    .isNull();
            if (j.p90() != null) {
                assertThat(j.p10()).isNotNull().isBeforeOrEqualTo(j.p50());
                assertThat(j.p50()).isNotNull().isBeforeOrEqualTo(j.p90());
                assertThat(j.p10()).isAfterOrEqualTo(s.instant());
            }
        }
        // the job just submitted waits behind others: it does not start at once in every replication
        Forecast.JobStart mine = f.starts().get(taken.job().id());
        assertThat(mine.withinHour()).isLessThan(1.0);
    }

    @Test
    void aDemandTooLargeForTheJobBudgetShortensTheHorizonToTheWholeHoursThatFit() {
        LiveSnapshot s = taken.snapshot();
        DemandModel demand = DemandModel.of(taken.history(), s, settings(2, 42).windowMs());
        long held = s.pending().size() + s.running().size();
        long perRun = held + demand.arrivalsBound(DAY + 5 * ForecastSettings.HOUR_MS);
        assertThat(held + demand.arrivalsBound(3 * DAY))
                .as("the lab's demand outgrows it")
                .isGreaterThan(perRun);
        long hours = 0;
        while (held + demand.arrivalsBound((hours + 1) * ForecastSettings.HOUR_MS) <= perRun) {
            hours++;
        }
        assertThat(hours).isBetween(29L, 71L);
        ForecastSettings small = settings(2, 42).withJobBudget(2 * perRun);
        try (Forecaster f = new Forecaster(SmallLab.CATALOGUE, lab.reliability(), small, () -> 0L)) {
            Forecast shortened = f.forecast(s, taken.history());
            assertThat(shortened.horizon()).isEqualTo(s.instant().plusSeconds(hours * 3_600));
            assertThat(shortened.bands().at()).hasSize((int) hours + 1);
            assertThat(shortened.starts()).hasSize(s.pending().size());
            for (Forecast.JobStart j : shortened.starts().values()) {
                assertThat(j.withinDay()).isNotNull();
                assertThat(j.withinWeek()).isNull();
            }
            assertThat(f.forecast(s, taken.history()))
                    .usingRecursiveComparison()
                    .isEqualTo(shortened);
        }
    }

    @Test
    void aQueueLargerThanTheJobBudgetGetsNoForecastAndAMessageSayingWhy() {
        try (Forecaster f = new Forecaster(
                SmallLab.CATALOGUE, lab.reliability(), settings(2, 42).withJobBudget(2), () -> 0L)) {
            assertThatThrownBy(() -> f.forecast(taken.snapshot(), taken.history()))
                    .isInstanceOf(Forecaster.ForecastTooLarge.class)
                    .hasMessageContaining("more than the 1 its share of the heap holds")
                    .hasMessageContaining("give the server a larger heap");
        }
    }

    @Test
    void aRunWhoseArrivalsOutgrowItsBudgetFailsRatherThanGrow() {
        LiveSnapshot s = taken.snapshot();
        DemandModel demand = DemandModel.of(taken.history(), s, 7 * DAY);
        long held = s.pending().size() + s.running().size();
        ForecastRun run = new ForecastRun(
                s,
                SmallLab.CATALOGUE,
                null,
                demand,
                ReliabilitySpec.OFF,
                new io.ultrafleet.twin.engine.RandomStreams(1),
                3 * DAY,
                held + 1);
        assertThatThrownBy(() -> run.toHorizon(ForecastSettings.HOUR_MS))
                .isInstanceOf(Forecaster.ForecastTooLarge.class)
                .hasMessageContaining("outgrew its budget of " + (held + 1) + " jobs");
    }

    @Test
    void everyRunningJobGetsAnEndAfterTheSnapshot() {
        Forecast f = forecast(2, 42);
        LiveSnapshot s = taken.snapshot();
        assertThat(f.ends()).hasSize(s.running().size());
        int ended = 0;
        for (Forecast.JobEnd e : f.ends().values()) {
            if (e.p50() != null) {
                assertThat(e.p50()).isAfter(s.instant()).isBefore(f.horizon());
                ended++;
            }
        }
        assertThat(ended).isPositive();
    }

    @Test
    void bandsCoverTheHorizonHourByHourForTheFleetAndEachQueue() {
        Forecast f = forecast(2, 42);
        Forecast.FleetBands b = f.bands();
        assertThat(b.at()).hasSize(3 * 24 + 1);
        assertThat(b.at().get(0)).isEqualTo(taken.snapshot().instant());
        assertThat(b.queueLength()).containsOnlyKeys("lab/research", "lab/eval");
        long gpus = 16 * 8;
        for (int k = 0; k < b.at().size(); k++) {
            assertThat(b.allocatedGpus().p10().get(k))
                    .isLessThanOrEqualTo(b.allocatedGpus().p50().get(k));
            assertThat(b.allocatedGpus().p90().get(k))
                    .isBetween(b.allocatedGpus().p50().get(k), gpus);
        }
        // at the snapshot itself, every replication holds what the snapshot holds and what its first cycle placed
        long held = taken.snapshot().running().stream()
                .mapToLong(r -> r.held().allocatedGpus())
                .sum();
        assertThat(b.allocatedGpus().p10().get(0)).isGreaterThanOrEqualTo(held);
        assertThat(b.allocatedGpus().p90().get(0))
                .isEqualTo(b.allocatedGpus().p10().get(0));
    }

    @Test
    void oneJobsStartAloneIsTheStartOfTheWholeForecast() {
        try (Forecaster f = new Forecaster(SmallLab.CATALOGUE, lab.reliability(), settings(2, 42), () -> 0L)) {
            Forecast whole = f.forecast(taken.snapshot(), taken.history());
            long id = taken.job().id();
            assertThat(f.forecastStart(taken.snapshot(), taken.history(), id))
                    .isEqualTo(whole.starts().get(id));
        }
    }

    @Test
    void theSlurmStyleEstimateTrustsDeclaredRunTimesAndSeesNoArrivals() {
        try (Forecaster f = new Forecaster(SmallLab.CATALOGUE, lab.reliability(), settings(1, 42), () -> 0L)) {
            Instant a = f.slurmStyleStart(taken.snapshot(), taken.job().id());
            // the same whatever the seed and history: nothing is drawn
            try (Forecaster g = new Forecaster(SmallLab.CATALOGUE, ReliabilitySpec.OFF, settings(2, 7), () -> 0L)) {
                assertThat(g.slurmStyleStart(taken.snapshot(), taken.job().id()))
                        .isEqualTo(a);
            }
            assertThat(a).isNotNull().isAfter(taken.snapshot().instant());
        }
    }

    @Test
    void startsKeepTheSchedulersCycleInterval() {
        LiveSnapshot s = taken.snapshot();
        SchedulerSpec k = s.scheduler();
        long every = 15 * 60_000L;
        SchedulerSpec sparse = new SchedulerSpec(
                k.queueDepth(),
                k.backfillIntervalMs(),
                k.backfillMaxGangs(),
                k.preemption(),
                k.victimOrder(),
                k.placement(),
                k.preemptionPolicy(),
                k.preemptionTerms(),
                every);
        LiveSnapshot cycled = new LiveSnapshot(
                s.epoch(),
                s.takenAt(),
                s.fleet(),
                s.racks(),
                s.queues(),
                sparse,
                s.backfillAt(),
                s.running(),
                s.pending());
        try (Forecaster f = new Forecaster(SmallLab.CATALOGUE, lab.reliability(), settings(1, 42), () -> 0L)) {
            Forecast forecast = f.forecast(cycled, taken.history());
            int seen = 0;
            for (Forecast.JobStart j : forecast.starts().values()) {
                for (Instant t : new Instant[] {j.p10(), j.p50(), j.p90()}) {
                    if (t != null) {
                        // a job starts only in a cycle, and cycles run at the ends of the intervals
                        assertThat(s.epoch().toTime(t.toEpochMilli()) % every).isZero();
                        seen++;
                    }
                }
            }
            assertThat(seen).isPositive();
        }
    }

    @Test
    void aJobNotQueuedInTheSnapshotIsRefused() {
        try (Forecaster f = new Forecaster(SmallLab.CATALOGUE, lab.reliability(), settings(1, 42), () -> 0L)) {
            assertThatThrownBy(() -> f.forecastStart(taken.snapshot(), taken.history(), -5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not queued");
        }
    }
}
