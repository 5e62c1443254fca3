package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The mean-value analysis of one replica against hand-computed values. */
class ReplicaLoadTest {
    @Test
    void capacityWhenPrefillBinds() {
        // x = 1000, y = 10: the batch settles at C y / x = 5; a mixed step takes max(10 + 9 x 5, 0.1 x 505) = 55 ms,
        // and prefill runs in every step at 500 tokens per step: 500 / (1000 x 0.055) requests per second.
        assertThat(ReplicaLoad.maxRequestsPerS(TestProfiles.round(), 1000, 10))
                .isCloseTo(500 / (1000 * 0.055), within(1e-9));
    }

    @Test
    void capacityWhenTheBatchIsFull() {
        // x = 10, y = 100: 20 sequences at 10 + 9 x 20 = 190 ms per step, 100 steps each: 20 / 19 requests/s.
        assertThat(ReplicaLoad.maxRequestsPerS(TestProfiles.round(), 10, 100)).isCloseTo(20 / 19.0, within(1e-9));
    }

    @Test
    void withoutPrefillTheBatchIsTheNegativeBinomialMean() {
        ServiceProfile p = TestProfiles.decodeOnly();
        double t0 = 0.010;
        double t1 = 0.009;
        for (double rho : new double[] {0.2, 0.5, 0.8, 0.95}) {
            double lambda = rho / (100 * t1);
            ReplicaLoad one = ReplicaLoad.solve(p, lambda, 1, 100, 1);
            assertThat(one.batch()).as("rho %s", rho).isCloseTo((t0 / t1 + 1) * rho / (1 - rho), within(1e-6));
            assertThat(one.tpotS()).isCloseTo(p.decodeStepS(one.batch() + 1), within(1e-9));
            ReplicaLoad pooled = ReplicaLoad.solve(p, lambda, 1, 100, 16);
            assertThat(pooled.batch())
                    .as("a pool of 16 sees a quarter extra sequence")
                    .isCloseTo((t0 / t1 + 0.25) * rho / (1 - rho), within(1e-6));
        }
    }

    @Test
    void withPrefillTheBatchSatisfiesLittlesLaw() {
        ServiceProfile p = TestProfiles.round();
        for (double share : new double[] {0.1, 0.5, 0.9}) {
            double lambda = share * ReplicaLoad.maxRequestsPerS(p, 1000, 50);
            ReplicaLoad r = ReplicaLoad.solve(p, lambda, 1000, 50, 4);
            assertThat(r.batch()).isCloseTo(lambda * 50 * r.tpotS(), within(1e-5 * (1 + r.batch())));
            assertThat(r.prefillShare()).isCloseTo(lambda * 1000 * p.mixedStepS(r.batch()) / 500, within(1e-9));
            assertThat(r.prefillS()).isCloseTo(1000 * p.mixedStepS(r.batch()) / 500, within(1e-12));
        }
        assertThat(ReplicaLoad.solve(p, 0, 1000, 50, 4).batch()).isZero();
    }
}
