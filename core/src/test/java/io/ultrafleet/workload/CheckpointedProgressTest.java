package io.ultrafleet.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointedProgressTest {
    private static final long MINUTE = 60_000L;

    private static CheckpointedProgress progress() {
        JobRequest r = JobRequest.of(1, "j", 0, 0, 0, 8, 600 * MINUTE)
                .checkpointEvery(30 * MINUTE)
                .recoveryCosts(0, 10 * MINUTE)
                .build();
        return new CheckpointedProgress(r);
    }

    @Test
    void aRunLosesTheWorkSinceItsLastCheckpoint() {
        CheckpointedProgress p = progress();
        p.started(0, 8, false);
        assertThat(p.lostWorkIfStoppedAt(40 * MINUTE)).isEqualTo(10 * MINUTE * 8);
    }

    @Test
    void aRestartThatHasNotMadeProgressYetLosesNothing() {
        CheckpointedProgress p = progress();
        p.started(0, 8, false);
        p.stopped(40 * MINUTE);
        p.started(50 * MINUTE, 8, true); // progresses again from 60 min, after its 10-minute restart
        assertThat(p.lostWorkIfStoppedAt(53 * MINUTE)).isZero();
        assertThat(p.stopped(53 * MINUTE)).isZero();
    }
}
