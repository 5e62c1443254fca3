package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.workload.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Demand after a snapshot: days of the window replayed at their times of day, and run times from ratios. */
class DemandModelTest {
    private static final long HOUR = ForecastSettings.HOUR_MS;
    private static final long DAY = ForecastSettings.DAY_MS;
    private static final long WEEK = 7 * DAY;
    private static final Scenario LAB = SmallLab.scenario();

    private static long nextId;

    private static JobRequest job(int queue, long submitMs, long declaredMs) {
        return JobRequest.of(nextId++, "j" + nextId, queue, 100, submitMs, 8, declaredMs)
                .build();
    }

    /** A snapshot at {@code takenAt} with two queues, nothing running and nothing queued. */
    private static LiveSnapshot emptyAt(long takenAt) {
        List<LiveSnapshot.Queue> queues = List.of(
                new LiveSnapshot.Queue("lab/a", null, 1, List.<Quota>of()),
                new LiveSnapshot.Queue("lab/b", null, 1, List.<Quota>of()));
        return new LiveSnapshot(
                LAB.epoch(),
                takenAt,
                LAB.fleet(),
                List.of(),
                queues,
                LAB.scheduler(),
                LiveSnapshot.NO_BACKFILL,
                List.of(),
                List.of());
    }

    private record Arrived(long at, JobRequest request, long workMs) {}

    private static List<Arrived> drain(Arrivals a, long until) {
        List<Arrived> out = new ArrayList<>();
        while (a.nextAt() < until) {
            long at = a.nextAt();
            JobRequest r = a.take(1_000_000 + out.size());
            out.add(new Arrived(at, r, a.workMs()));
        }
        return out;
    }

    @Test
    void eachDayAfterTheSnapshotReplaysADayOfTheWindowAtItsTimesOfDay() {
        long takenAt = 10 * DAY;
        List<JobRequest> past = new ArrayList<>();
        for (int d = 3; d <= 9; d++) {
            past.add(job(0, d * DAY + 8 * HOUR, 2 * HOUR));
            past.add(job(1, d * DAY + 8 * HOUR + 30 * 60_000L, 4 * HOUR));
        }
        past.add(job(1, 9 * DAY + 20 * HOUR, 4 * HOUR));
        DemandModel m = DemandModel.of(new DemandHistory(0, past, List.of()), emptyAt(takenAt), WEEK);
        List<Arrived> got = drain(m.arrivals(new SplittableRandom(3)), takenAt + 5 * DAY);
        assertThat(got).isNotEmpty();
        long last = takenAt;
        for (Arrived a : got) {
            assertThat(a.at()).isGreaterThanOrEqualTo(last);
            last = a.at();
            long timeOfDay = a.at() % DAY;
            assertThat(timeOfDay).isIn(8 * HOUR, 8 * HOUR + 30 * 60_000L, 20 * HOUR);
            assertThat(a.request().submitMs()).isEqualTo(a.at());
            // the queue and shape of what arrives at a time of day are the window's at that time of day
            assertThat(a.request().queue()).isEqualTo(timeOfDay == 8 * HOUR ? 0 : 1);
        }
        // two or three jobs a day, as the window had
        for (int d = 0; d < 5; d++) {
            long from = takenAt + d * DAY;
            long n = got.stream()
                    .filter(a -> a.at() >= from && a.at() < from + DAY)
                    .count();
            assertThat(n).isBetween(2L, 3L);
        }
    }

    @Test
    void weekendsReplayWeekendsAndWeekdaysReplayWeekdays() {
        // day 0 of the lab is Monday 2 March 2026: days 5, 6, 12, 13, ... are weekend days
        long takenAt = 14 * DAY;
        List<JobRequest> past = new ArrayList<>();
        for (int d = 7; d < 14; d++) {
            boolean weekend = d % 7 >= 5;
            past.add(job(weekend ? 1 : 0, d * DAY + 10 * HOUR, HOUR));
        }
        DemandModel m = DemandModel.of(new DemandHistory(0, past, List.of()), emptyAt(takenAt), WEEK);
        for (int seed = 0; seed < 20; seed++) {
            List<Arrived> got = drain(m.arrivals(new SplittableRandom(seed)), takenAt + 14 * DAY);
            assertThat(got).hasSize(14);
            for (Arrived a : got) {
                boolean weekend = (a.at() / DAY) % 7 >= 5;
                assertThat(a.request().queue())
                        .as("arrival at day %d", a.at() / DAY)
                        .isEqualTo(weekend ? 1 : 0);
            }
        }
    }

    @Test
    void aReplayedJobThatHadEndedRunsAsLongAsItDid() {
        long takenAt = 3 * DAY;
        JobRequest a = job(0, DAY + 5 * HOUR, 10 * HOUR);
        JobRequest b = job(0, 2 * DAY + 5 * HOUR, 10 * HOUR);
        List<DemandHistory.Ended> ended = List.of(
                new DemandHistory.Ended(a, DAY + 9 * HOUR, 4 * HOUR),
                new DemandHistory.Ended(b, 2 * DAY + 12 * HOUR, 7 * HOUR));
        DemandModel m = DemandModel.of(new DemandHistory(0, List.of(a, b), ended), emptyAt(takenAt), WEEK);
        for (Arrived x : drain(m.arrivals(new SplittableRandom(1)), takenAt + 10 * DAY)) {
            assertThat(x.workMs()).isIn(4 * HOUR, 7 * HOUR);
        }
    }

    /** A snapshot's demand at day 1 whose queue 0 ended one run of {@code declared} ms at each of the ratios. */
    private static DemandModel endedAt(long declared, double... ratios) {
        List<JobRequest> submitted = new ArrayList<>();
        List<DemandHistory.Ended> ended = new ArrayList<>();
        for (double ratio : ratios) {
            JobRequest r = job(0, 10 * HOUR, declared);
            submitted.add(r);
            ended.add(new DemandHistory.Ended(r, 20 * HOUR, Math.round(declared * ratio)));
        }
        return DemandModel.of(new DemandHistory(0, submitted, ended), emptyAt(DAY), WEEK);
    }

    @Test
    void runTimesAreDeclaredOnesTimesARatioThatLeavesTheJobRunning() {
        long declared = 10 * HOUR;
        DemandModel m = endedAt(declared, 0.5, 1.0, 2.0);
        JobRequest q = job(0, DAY, declared);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            assertThat(m.workMs(q, 0, random)).isIn(5 * HOUR, 10 * HOUR, 20 * HOUR);
            assertThat(m.workMs(q, 8 * HOUR, random)).isIn(10 * HOUR, 20 * HOUR);
            assertThat(m.workMs(q, 10 * HOUR, random)).isEqualTo(20 * HOUR);
        }
        // past every ratio: it ends within a minute
        assertThat(m.workMs(q, 30 * HOUR, random)).isEqualTo(30 * HOUR + 60_000L);
        // a queue with no ended run keeps declared run times
        JobRequest other = job(1, DAY, declared);
        assertThat(m.workMs(other, 0, random)).isEqualTo(declared);
    }

    @Test
    void eachReplicationDrawsItsOwnSampleOfTheRatios() {
        long declared = 10 * HOUR;
        DemandModel m = endedAt(declared, 0.5, 1.0, 2.0);
        JobRequest q = job(0, DAY, declared);
        java.util.Set<java.util.Set<Long>> samples = new java.util.HashSet<>();
        for (int replication = 0; replication < 50; replication++) {
            DemandModel own = m.resampled(new SplittableRandom(replication));
            java.util.Set<Long> seen = new java.util.TreeSet<>();
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 200; i++) {
                seen.add(own.workMs(q, 0, random));
            }
            // only the window's ratios, drawn again with replacement
            assertThat(seen).isSubsetOf(5 * HOUR, 10 * HOUR, 20 * HOUR);
            samples.add(seen);
            // the same draw gives the same sample
            assertThat(m.resampled(new SplittableRandom(replication)).workMs(q, 0, new SplittableRandom(7)))
                    .isEqualTo(own.workMs(q, 0, new SplittableRandom(7)));
        }
        // some replications miss a ratio the window had: the window is one sample of its queue's runs
        assertThat(samples).hasSizeGreaterThan(1);
        assertThat(samples).contains(java.util.Set.of(5 * HOUR, 10 * HOUR, 20 * HOUR));
    }

    @Test
    void withLessThanADayOfHistoryJobsArriveAtEachQueuesRate() {
        // 12 jobs of queue 0 in the 6 hours since the run started: 2 an hour
        List<JobRequest> past = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            past.add(job(0, i * 30 * 60_000L + 1, HOUR));
        }
        DemandModel m = DemandModel.of(new DemandHistory(0, past, List.of()), emptyAt(6 * HOUR), WEEK);
        SplittableRandom random = new SplittableRandom(5);
        long total = 0;
        int runs = 200;
        for (int r = 0; r < runs; r++) {
            List<Arrived> got = drain(m.arrivals(random.split()), 6 * HOUR + 10 * HOUR);
            assertThat(got).allMatch(a -> a.request().queue() == 0);
            total += got.size();
        }
        // 20 expected in 10 hours; the mean over 200 runs is within a few percent
        assertThat(total / (double) runs).isBetween(19.0, 21.0);
    }

    @Test
    void noHistoryMeansNoArrivalsAndDeclaredRunTimes() {
        DemandModel m = DemandModel.of(DemandHistory.NONE, emptyAt(DAY), WEEK);
        assertThat(m.arrivals(new SplittableRandom(1)).nextAt()).isEqualTo(Arrivals.NONE);
        assertThat(m.workMs(job(0, DAY, 3 * HOUR), 0, new SplittableRandom(1))).isEqualTo(3 * HOUR);
    }

    @Test
    void historyAfterTheSnapshotOrBeforeTheWindowIsLeftOut() {
        long takenAt = 20 * DAY;
        List<JobRequest> past = List.of(job(0, takenAt - 8 * DAY, HOUR), job(0, takenAt + HOUR, HOUR));
        DemandModel m = DemandModel.of(new DemandHistory(0, past, List.of()), emptyAt(takenAt), WEEK);
        assertThat(m.past()).isEmpty();
        assertThat(m.arrivals(new SplittableRandom(1)).nextAt()).isEqualTo(Arrivals.NONE);
    }

    @Test
    void batchesOfTheWindowSayHowManyMayFollowAJobJustSubmitted() {
        long takenAt = 10 * DAY;
        List<JobRequest> past = new ArrayList<>();
        for (int d = 3; d <= 9; d++) {
            // queue 0: a batch of four a day; queue 1: one job at a time, one of them at queue 0's instant
            for (int k = 0; k < 4; k++) {
                past.add(job(0, d * DAY + 8 * HOUR, 2 * HOUR));
            }
            past.add(job(1, d * DAY + 8 * HOUR, 2 * HOUR));
        }
        // the batch at the snapshot's own instant is not whole yet: it does not count
        for (int k = 0; k < 30; k++) {
            past.add(job(1, takenAt, 2 * HOUR));
        }
        DemandModel m = DemandModel.of(new DemandHistory(0, past, List.of()), emptyAt(takenAt), WEEK);
        SplittableRandom random = new SplittableRandom(5);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 400; i++) {
            // after a job of queue 0: 0 to 3 more of queue 0, and always the one of queue 1 that came after them
            seen.add(java.util.Arrays.toString(m.followers(0, random)));
            assertThat(m.followers(1, random))
                    .as("nothing came after queue 1's job")
                    .isEmpty();
        }
        assertThat(seen).containsExactlyInAnyOrder("[0, 3, 1, 1]", "[0, 2, 1, 1]", "[0, 1, 1, 1]", "[1, 1]");
        assertThat(m.latest(1).queue()).isEqualTo(1);
        assertThat(DemandModel.declared(2).followers(0, random)).isEmpty();
    }
}
