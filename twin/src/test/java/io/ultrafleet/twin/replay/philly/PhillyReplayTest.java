package io.ultrafleet.twin.replay.philly;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay on small made-up fleets: every job is accounted for, gangs start, the series counts servers. */
class PhillyReplayTest {
    static final long DAY_MS = 86_400_000L;
    static final long T0 = PhillyTraceTest.ms("2017-11-01 00:00:00");

    /** {@code eights} servers of 8 GPUs and {@code fours} of 4. */
    static List<PhillyMachine> fleet(int eights, int fours) {
        List<PhillyMachine> m = new ArrayList<>();
        for (int i = 0; i < eights; i++) {
            m.add(new PhillyMachine("e" + i, 8));
        }
        for (int i = 0; i < fours; i++) {
            m.add(new PhillyMachine("f" + i, 4));
        }
        return m;
    }

    static final List<PhillyVc> VCS = List.of(new PhillyVc("alpha", 20), new PhillyVc("beta", 10));

    static PhillyJob job(int line, long submitMs, long durationMs, int gpus, String vc) {
        return new PhillyJob(line, submitMs, durationMs, gpus, vc);
    }

    static PhillyResult replay(List<PhillyJob> jobs, List<PhillyMachine> machines, String policy, double unseen) {
        int servers = (int) machines.stream().filter(m -> m.gpus() > 0).count();
        return PhillyReplay.run(
                jobs,
                machines,
                VCS,
                new PhillyReplay.Settings(PhillyPolicies.named(policy).orElseThrow(), servers, unseen),
                (now, events) -> {});
    }

    /** A busy week of small jobs on both VCs: 1 to 4 GPUs, minutes to hours, arriving every few minutes. */
    static List<PhillyJob> busyWeek() {
        List<PhillyJob> jobs = new ArrayList<>();
        int[] sizes = {1, 1, 2, 1, 4, 1, 8, 1};
        for (int i = 0; i < 2_000; i++) {
            long submit = T0 + i * 5L * 60_000;
            long duration = (10 + (i * 37L % 600)) * 60_000;
            jobs.add(job(i + 2, submit, duration, sizes[i % sizes.length], i % 3 == 0 ? "beta" : "alpha"));
        }
        return jobs;
    }

    @Test
    void gangsOf64And128GpusArePlacedAcrossServersAndNeverStall() {
        List<PhillyJob> jobs = busyWeek();
        int line = 10_000;
        for (int k = 0; k < 6; k++) {
            long submit = T0 + DAY_MS / 2 + k * DAY_MS;
            jobs.add(job(line++, submit, DAY_MS / 2, k % 2 == 0 ? 128 : 64, k % 3 == 0 ? "beta" : "alpha"));
        }
        for (String policy : PhillyPolicies.names()) {
            PhillyResult r = replay(jobs, fleet(24, 16), policy, 0);
            assertThat(r.all().completed()).as(policy).isEqualTo(jobs.size());
            assertThat(r.largestStartedGang()).as(policy).isEqualTo(128);
            // The fleet is about 80 % loaded: every job, gangs included, starts within a day of its submission.
            assertThat(r.all().waitS().quantile(1.0)).as(policy).isLessThan(86_400L);
        }
    }

    @Test
    void everyJobIsCompletedOrReportedNeverDropped() {
        List<PhillyJob> jobs = new ArrayList<>(busyWeek());
        jobs.add(job(9_000, T0 + DAY_MS, 3_600_000, 1_024, "alpha")); // larger than the whole fleet
        jobs.add(job(9_001, T0 + DAY_MS, 3_600_000, 2, "gamma")); // a VC without a share
        jobs.add(job(9_002, T0 + 2 * DAY_MS, 0, 1, "beta")); // a job of 0 s
        for (String policy : PhillyPolicies.names()) {
            PhillyResult r = replay(jobs, fleet(24, 16), policy, 2.0);
            assertThat(r.all().jobs()).isEqualTo(jobs.size());
            assertThat(r.all().completed()
                            + r.all().neverStarted().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                    .as(policy)
                    .isEqualTo(jobs.size());
            assertThat(r.all().neverStarted()).as(policy).isEqualTo(Map.of(WaitReason.TOO_LARGE, 1L));
            VcTally gamma = r.vcs().stream()
                    .filter(t -> t.name().equals("gamma"))
                    .findFirst()
                    .orElseThrow();
            assertThat(gamma.hasShare()).isFalse();
            assertThat(gamma.completed()).isEqualTo(1);
            assertThat(r.vcs()).extracting(VcTally::name).containsExactly("alpha", "beta", "gamma");
            long perVc = r.vcs().stream().mapToLong(VcTally::jobs).sum();
            assertThat(perVc).isEqualTo(jobs.size());
        }
    }

    @Test
    void activeServersAreCountedOnceAMinuteFromTheFirstDaysMidnight() {
        List<PhillyJob> jobs = List.of(
                job(2, T0 + 60_000, 180_000, 1, "alpha"), // 00:01 to 00:04 on one server
                job(3, T0 + 120_000, 60_000, 8, "beta"), // 00:02 to 00:03 on a whole 8-GPU server
                job(4, T0 + 120_000, 60_000, 1, "alpha")); // beside the first, on its server
        PhillyResult r = replay(jobs, fleet(2, 1), "fair", 0);
        ActiveSeries a = r.active();
        assertThat(a.startMs()).isEqualTo(T0);
        assertThat(a.minutes()).isEqualTo(ActiveSeries.MINUTES_PER_DAY);
        assertThat(new int[] {a.at(0), a.at(1), a.at(2), a.at(3), a.at(4)}).containsExactly(0, 1, 2, 1, 0);
    }

    @Test
    void unseenWorkStandsBesideEachJobAndCountsOnlyInUse() {
        List<PhillyJob> jobs = List.of(job(2, T0, 600_000, 1, "alpha"));
        PhillyResult r = replay(jobs, fleet(2, 0), "philly", 2.0);
        assertThat(r.unseenJobs()).isEqualTo(1);
        assertThat(r.all().jobs()).isEqualTo(1);
        assertThat(r.all().jctS().quantile(1.0)).as("the trace job's own JCT").isEqualTo(600);
        assertThat(r.all().gpuMs()).as("its 10 min and 20 min of unseen work").isEqualTo(1_800_000);
    }

    @Test
    void theSameInputsGiveTheSameResult() {
        List<PhillyJob> jobs = busyWeek();
        String a = PhillyJson.toJson(replay(jobs, fleet(8, 8), "backfill", 2.0), null);
        String b = PhillyJson.toJson(replay(jobs, fleet(8, 8), "backfill", 2.0), null);
        assertThat(a).isEqualTo(b);
    }
}
