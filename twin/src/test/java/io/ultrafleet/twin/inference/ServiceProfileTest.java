package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The per-replica serving model and the built-in profiles. */
class ServiceProfileTest {
    @Test
    void stepTimesFollowTheRoofline() {
        ServiceProfile p = TestProfiles.round();
        assertThat(p.batchAtTarget()).isCloseTo(10, within(1e-12));
        assertThat(p.stepPerSequenceS()).isCloseTo(0.009, within(1e-12));
        assertThat(p.decodeStepS(10))
                .as("the TPOT target at the batch at target")
                .isCloseTo(0.1, within(1e-12));
        assertThat(p.decodeStepS(1)).isCloseTo(0.019, within(1e-12));
        assertThat(p.mixedStepS(0))
                .as("a chunk alone is compute-bound: 500 x 0.1 ms")
                .isCloseTo(0.05, within(1e-12));
        assertThat(p.mixedStepS(10))
                .as("a chunk rides free on a memory-bound step")
                .isCloseTo(0.1, within(1e-12));
    }

    @Test
    void everyBuiltInProfileMeetsItsTargetAtItsRatedThroughput() {
        assertThat(ServiceProfiles.names())
                .contains(
                        ServiceProfiles.DEFAULT_REPLAY,
                        "r1-gb300-nvl72",
                        "r1-gb200-nvl72",
                        "llama70b-b200x8",
                        "llama405b-h100x8");
        for (String name : ServiceProfiles.names()) {
            ServiceProfile p = ServiceProfiles.get(name).orElseThrow();
            double b = p.batchAtTarget();
            assertThat(p.decodeStepS(b)).as(name).isCloseTo(p.tpotTargetS(), within(1e-9));
            assertThat(b / p.decodeStepS(b)).as(name).isCloseTo(p.replicaDecodeTokensPerS(), within(1e-6));
            assertThat(p.maxBatch()).as(name).isGreaterThan((int) b);
            assertThat(p.mixedStepS(0))
                    .as(name + ": a chunk alone takes half the TPOT target")
                    .isCloseTo(p.tpotTargetS() / 2, within(p.tpotTargetS() * 0.01));
        }
    }

    @Test
    void theDefaultReplayProfileIsLlama405bOnEightH200() {
        ServiceProfile p = ServiceProfiles.defaultReplay();
        assertThat(p.hardware()).isEqualTo("h200-hgx8");
        assertThat(p.gpusPerReplica()).isEqualTo(8);
        // 220 tok/s/GPU on GB300 (MLPerf v5.1), / 1.45 for GB200, / (30 x 8 / 72) for H200
        assertThat(p.decodeTokensPerGpuS()).isCloseTo(45.5, within(0.1));
        // 0.40 x 1,979 TFLOPS / (2 x 405e9 FLOP per token)
        assertThat(p.prefillTokensPerGpuS()).isCloseTo(977.3, within(0.1));
        // 405 GB / 8 GPUs / 4.8 TB/s
        assertThat(p.decodeStepBaseUs()).isEqualTo(10_547);
        assertThat(p.ttftTargetMs()).isEqualTo(6_000);
        assertThat(p.tpotTargetMs()).isEqualTo(175);
    }

    @Test
    void anotherSloKeepsTheStepTimes() {
        ServiceProfile p = ServiceProfiles.defaultReplay();
        ServiceProfile q = p.withSlo(4_500, 80);
        assertThat(q.ttftTargetMs()).isEqualTo(4_500);
        assertThat(q.decodeStepS(7)).isCloseTo(p.decodeStepS(7), within(1e-12));
        assertThat(q.decodeStepS(q.batchAtTarget())).isCloseTo(0.08, within(1e-12));
        assertThat(q.mixedStepS(0)).isCloseTo(0.04, within(0.001));
        assertThatThrownBy(() -> p.withSlo(1_000, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badFieldsAreRefused() {
        assertThatThrownBy(() -> new ServiceProfile("x", "m", "h", 0, 100, 1e4, 20, 500, 10_000, 1_000, 100, 0))
                .hasMessageContaining("gpusPerReplica");
        assertThatThrownBy(() -> new ServiceProfile("x", "m", "h", 1, 100, 1e4, 20, 500, 200_000, 1_000, 100, 0))
                .hasMessageContaining("tpotTargetMs");
        assertThatThrownBy(() -> new ServiceProfile("x", "m", "h", 1, Double.NaN, 1e4, 20, 500, 10_000, 1_000, 100, 0))
                .hasMessageContaining("decodeTokensPerGpuS");
    }
}
