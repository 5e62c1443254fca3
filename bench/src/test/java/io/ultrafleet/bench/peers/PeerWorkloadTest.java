package io.ultrafleet.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerWorkloadTest {
    @Test
    void theSameSeedGivesTheSameJobsAndAnotherSeedOthers() {
        PeerWorkload a = PeerWorkload.generate(5_000, 7);
        PeerWorkload b = PeerWorkload.generate(5_000, 7);
        PeerWorkload c = PeerWorkload.generate(5_000, 8);
        assertThat(a.submitMin()).isEqualTo(b.submitMin());
        assertThat(a.pes()).isEqualTo(b.pes());
        assertThat(a.lengthMin()).isEqualTo(b.lengthMin());
        assertThat(a.lengthMin()).isNotEqualTo(c.lengthMin());
    }

    @Test
    void jobsFitAHostArriveInOrderWithinADayOnTenMinuteSteps() {
        PeerWorkload w = PeerWorkload.generate(20_000, 1);
        assertThat(w.jobs()).isEqualTo(20_000);
        int last = 0;
        long[] bySize = new long[9];
        for (int i = 0; i < w.jobs(); i++) {
            assertThat(w.submitMin()[i]).isGreaterThanOrEqualTo(last).isLessThan(2 * 24 * 60);
            assertThat(w.submitMin()[i] % PeerWorkload.STEP_MIN).isZero();
            assertThat(w.lengthMin()[i] % PeerWorkload.STEP_MIN).isZero();
            assertThat(w.lengthMin()[i]).isBetween(PeerWorkload.STEP_MIN, 3 * 24 * 60);
            last = w.submitMin()[i];
            bySize[w.pes()[i]]++;
        }
        // Weights 4 : 3 : 2 : 1 for 1, 2, 4 and 8 GPUs.
        assertThat(bySize[1] / 20_000.0).isBetween(0.37, 0.43);
        assertThat(bySize[8] / 20_000.0).isBetween(0.08, 0.12);
        assertThat(bySize[3] + bySize[5] + bySize[6] + bySize[7]).isZero();
        assertThat(w.workPeMinutes()).isPositive();
        assertThat(w.makespanMin()).isGreaterThan(last);
    }

    @Test
    void noHostsIsRefused() {
        assertThatThrownBy(() -> PeerWorkload.generate(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
