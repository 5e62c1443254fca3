package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.forecast.DemandHistory;
import io.ultrafleet.twin.run.RunObserver;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run's past as a forecast reads it: nothing after the instant it was marked, even at the same millisecond; and a
 * run's length as the work it did at full size.
 */
class RunHistoryTest {
    private static final long DAY = ForecastSettings.DAY_MS;

    private static Job job(long id, long submitMs) {
        return Job.of(
                JobRequest.of(id, "j" + id, 0, 100, submitMs, 8, 3_600_000L).build());
    }

    private static RunObserver.View at(long now) {
        return new RunObserver.View(now, null, List.of(), List.of(), null);
    }

    @Test
    void whatWasMarkedIsWhatIsHandedOutLater() {
        RunHistory h = new RunHistory(7 * DAY, 0);
        h.submitted(job(1, DAY), at(DAY));
        h.submitted(job(2, 2 * DAY), at(2 * DAY));
        RunHistory.Mark m = h.mark(2 * DAY);
        // after the mark, at the same instant and later
        h.submitted(job(3, 2 * DAY), at(2 * DAY));
        h.submitted(job(4, 3 * DAY), at(3 * DAY));
        DemandHistory past = h.upTo(m);
        assertThat(past.submitted()).extracting(JobRequest::id).containsExactly(1L, 2L);
        assertThat(past.ended()).isEmpty();
        assertThat(past.since()).isZero();
        assertThat(h.upTo(h.mark(3 * DAY)).submitted())
                .extracting(JobRequest::id)
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void theWindowEndsAWeekBackAndForgettingKeepsWhatAMarkStillNeeds() {
        RunHistory h = new RunHistory(7 * DAY, 0);
        for (long d = 1; d <= 10; d++) {
            h.submitted(job(d, d * DAY), at(d * DAY));
        }
        RunHistory.Mark m = h.mark(10 * DAY);
        h.forget(10 * DAY);
        DemandHistory past = h.upTo(m);
        assertThat(past.submitted()).extracting(JobRequest::id).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(past.since()).isEqualTo(3 * DAY);
    }

    @Test
    void anElasticJobThatRanShrunkEndsWithTheWorkItDidNotItsWallTime() {
        long hour = ForecastSettings.HOUR_MS;
        JobRequest r =
                JobRequest.of(9, "rl-9", 0, 500, 0, 16, 10 * hour).elastic(8).build();
        Job job = new Job(r, new io.ultrafleet.twin.workload.SimulatedProgress(r, 3 * hour));
        job.start(0, new int[] {0, 1}, new long[] {0xFF, 0xFF}, 16, 16);
        // an hour at full size, then at half: two hours of work left take four
        job.resize(hour, new int[] {0}, new long[] {0xFF}, 8, 8);
        long end = 5 * hour;
        job.complete();
        RunHistory h = new RunHistory(7 * DAY, 0);
        h.ended(job, end);
        DemandHistory.Ended e = h.upTo(h.mark(end)).ended().get(0);
        assertThat(e.runMs()).isEqualTo(3 * hour);
    }
}
