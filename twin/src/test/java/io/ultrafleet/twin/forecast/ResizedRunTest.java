package io.ultrafleet.twin.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import org.junit.jupiter.api.Test;

/**
 * A running elastic job that changed size counts its checkpoints from its last resize, and has done work at each size
 * it ran on. A snapshot carries the instant of the last resize and the work done by then, and the job taken back from
 * it loses, when stopped, the same work as the job it was taken from, and ends when it does: what a weighed preemption
 * decides depends on the first (the back-test of the default scenario at 2026-06-10 stopped other victims in the
 * forecast than in the run while it did not), and when the capacity it holds comes free on the second (the same
 * back-test's replicas waited for an RL job that the forecast believed hours from its end, having counted its whole
 * run at its later, halved size).
 */
class ResizedRunTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void aResizedJobTakenBackLosesWhatTheOriginalLosesAndEndsWhenItEnds() {
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

        assertThat(r.resizedWorkMs()).isEqualTo(95 * 60_000L);

        Job taken = new Job(request, new SimulatedProgress(request, 48 * HOUR, r.savedWorkMs()));
        taken.resume(r.firstStartedAt(), r.startedAt(), r.runs(), r.held(), r.resizedAt(), r.resizedWorkMs());

        assertThat(taken.lostWorkIfStoppedAt(now)).isEqualTo(original.lostWorkIfStoppedAt(now));
        assertThat(original.lostWorkIfStoppedAt(now)).isEqualTo(10 * 60_000L * 32);
        // 95 min at full size, then 70 min at half: 130 min of full-size work, as the snapshot rebuilds it
        assertThat(StartingState.workDone(r, now)).isEqualTo(130 * 60_000L);
        assertThat(SimulatedProgress.of(taken).msToFinish(now))
                .isEqualTo(SimulatedProgress.of(original).msToFinish(now));
        assertThat(taken.expectedEndMs()).isEqualTo(original.expectedEndMs());
    }
}
