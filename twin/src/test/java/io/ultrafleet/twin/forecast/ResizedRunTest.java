package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import org.junit.jupiter.api.Test;

/**
 * A running elastic job that changed size counts its checkpoints from its last resize. A snapshot carries that
 * instant, and the job taken back from it loses, when stopped, the same work as the job it was taken from: what a
 * weighed preemption decides depends on it (the back-test of the default scenario at 2026-06-10 stopped other
 * victims in the forecast than in the run while it did not).
 */
class ResizedRunTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aResizedJobTakenBackLosesWhatTheOriginalLoses() {
        JobRequest request = JobRequest.of(7, "rl-7", 0, 500, 0, 64, 48 * HOUR)
                .elastic(32)
                .checkpointEvery(HOUR)
                .build();
        Job original = new Job(request, new SimulatedProgress(request, 48 * HOUR));
        original.start(10 * 60_000L, new int[] {0, 1}, new long[] {0xFF, 0xFF}, 64, 64);
        long resizedAt = 10 * 60_000L + 95 * 60_000L; // 1 h 35 min into the run
        original.resize(resizedAt, new int[] {0}, new long[] {0xFF}, 32, 32);
        long now = resizedAt + 70 * 60_000L; // 1 h 10 min after the resize: one checkpoint since it

        LiveSnapshot.Running r = LiveSnapshot.Running.of(original);
        assertThat(r.resizedAt()).isEqualTo(resizedAt);

        Job taken = new Job(request, new SimulatedProgress(request, 48 * HOUR, r.savedWorkMs()));
        taken.resume(r.firstStartedAt(), r.startedAt(), r.runs(), r.held());
        StartingState.countCheckpointsFromResize(taken, r);

        assertThat(taken.lostWorkIfStoppedAt(now)).isEqualTo(original.lostWorkIfStoppedAt(now));
        assertThat(original.lostWorkIfStoppedAt(now)).isEqualTo(10 * 60_000L * 32);
    }
}
