package io.ultrafleet.twin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HazardModelTest {
    private static final long LLAMA3_GPUS = 16_384;
    private static final double LLAMA3_HOURS = 54 * 24;

    @Test
    void llama3RateGives419InterruptionsIn54Days() {
        HazardModel h = HazardModel.llama3();
        assertThat(h.basePerGpuHour()).isCloseTo(2.0e-5, within(0.04e-5));
        assertThat(h.expectedInterruptions(LLAMA3_GPUS, LLAMA3_HOURS)).isCloseTo(419, within(4.19));
        assertThat(h.jobMtbfHours(LLAMA3_GPUS)).isCloseTo(3.09, within(0.01));
    }

    @Test
    void sampledCountsArePoissonWithTheExpectedMean() {
        double[] mv = countMoments(HazardModel.llama3(), LLAMA3_GPUS, 0, LLAMA3_HOURS, 4000);
        assertThat(mv[0]).isCloseTo(419, within(419 * 0.01));
        assertThat(mv[1]).isCloseTo(419, within(419 * 0.10));
    }

    @Test
    void weibullSampledCountsArePoissonWithTheCumulativeHazard() {
        HazardModel infant = HazardModel.llama3().withWeibullAge(0.5, 8760);
        double expected = infant.expectedInterruptions(LLAMA3_GPUS, 100, LLAMA3_HOURS);
        double[] mv = countMoments(infant, LLAMA3_GPUS, 100, LLAMA3_HOURS, 4000);
        assertThat(mv[0]).isCloseTo(expected, within(expected * 0.01));
        assertThat(mv[1]).isCloseTo(expected, within(expected * 0.10));
        HazardModel wearOut = HazardModel.llama3().withWeibullAge(3, 8760);
        double fromZero = wearOut.expectedInterruptions(LLAMA3_GPUS, 0, 8760);
        double[] w = countMoments(wearOut, LLAMA3_GPUS, 0, 8760, 1000);
        assertThat(w[0]).isCloseTo(fromZero, within(fromZero * 0.01));
    }

    @Test
    void generationMultiplierScalesTheRateAndTheCounts() {
        HazardModel base = HazardModel.llama3();
        HazardModel early = base.withGenerationMultiplier(1.5);
        assertThat(early.ratePerGpuHour(0)).isCloseTo(1.5 * base.ratePerGpuHour(0), within(1e-15));
        assertThat(early.expectedInterruptions(LLAMA3_GPUS, LLAMA3_HOURS)).isCloseTo(1.5 * 419, within(1.5 * 4.19));
        assertThat(early.jobMtbfHours(LLAMA3_GPUS)).isCloseTo(base.jobMtbfHours(LLAMA3_GPUS) / 1.5, within(1e-9));
        double[] mv = countMoments(early, LLAMA3_GPUS, 0, LLAMA3_HOURS, 2000);
        assertThat(mv[0]).isCloseTo(1.5 * 419, within(1.5 * 419 * 0.01));
    }

    @Test
    void weibullShapeOneIsExactlyTheConstantHazard() {
        HazardModel c = HazardModel.llama3();
        HazardModel k1 = c.withWeibullAge(1, 500);
        assertThat(k1.ageDependent()).isFalse();
        for (double age : new double[] {0, 1, 500, 10_000}) {
            assertThat(k1.ratePerGpuHour(age)).isEqualTo(c.ratePerGpuHour(age));
            assertThat(k1.expectedInterruptions(1024, age, 24)).isEqualTo(c.expectedInterruptions(1024, age, 24));
        }
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertThat(k1.nextFailureHours(1024, 7, a)).isEqualTo(c.nextFailureHours(1024, 7, b));
        }
    }

    @Test
    void weibullIsNormalisedToTheBaseRateOverItsScale() {
        for (double k : new double[] {0.5, 0.8, 2, 3}) {
            HazardModel w = HazardModel.llama3().withWeibullAge(k, 4380);
            assertThat(w.expectedInterruptions(LLAMA3_GPUS, 4380))
                    .isCloseTo(HazardModel.llama3().expectedInterruptions(LLAMA3_GPUS, 4380), within(1e-6));
        }
    }

    @Test
    void infantMortalityFrontLoadsAndWearOutBackLoads() {
        double scale = 8760;
        HazardModel infant = HazardModel.llama3().withWeibullAge(0.5, scale);
        HazardModel wear = HazardModel.llama3().withWeibullAge(2, scale);
        assertThat(infant.ratePerGpuHour(100)).isGreaterThan(infant.ratePerGpuHour(5000));
        assertThat(wear.ratePerGpuHour(100)).isLessThan(wear.ratePerGpuHour(5000));
        // Share of the first year's failures that come in its first tenth, by sampling: 0.1^k.
        assertThat(firstTenthShare(infant, scale)).isCloseTo(Math.sqrt(0.1), within(0.01));
        assertThat(firstTenthShare(HazardModel.llama3(), scale)).isCloseTo(0.1, within(0.01));
        assertThat(firstTenthShare(wear, scale)).isCloseTo(0.01, within(0.005));
    }

    @Test
    void samplingIsDeterministicAndMillisAgree() {
        HazardModel h = HazardModel.llama3().withWeibullAge(0.7, 1000);
        SplittableRandom a = new SplittableRandom(11);
        SplittableRandom b = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) {
            double hours = h.nextFailureHours(72, 3, a);
            long ms = h.nextFailureMillis(72, 3 * 3_600_000L, b);
            assertThat(ms).isEqualTo(Math.round(hours * 3_600_000.0));
        }
        assertThat(HazardModel.constant(0).nextFailureMillis(8, 0, new SplittableRandom(1)))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> HazardModel.constant(-1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> HazardModel.llama3().withGenerationMultiplier(0))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> HazardModel.llama3().withWeibullAge(0, 10)).hasMessageContaining("shape");
        assertThatThrownBy(() -> HazardModel.llama3().withWeibullAge(1, 0)).hasMessageContaining("scale");
        assertThatThrownBy(() -> HazardModel.llama3().expectedInterruptions(0, 1))
                .hasMessageContaining("at least 1 GPU");
    }

    /** Mean and variance over seeds of the number of failures of {@code gpus} GPUs in [age, age + hours). */
    private static double[] countMoments(HazardModel h, long gpus, double age, double hours, int seeds) {
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < seeds; s++) {
            SplittableRandom rng = new SplittableRandom(1000 + s);
            double t = age;
            int n = 0;
            while (true) {
                t += h.nextFailureHours(gpus, t, rng);
                if (t >= age + hours) {
                    break;
                }
                n++;
            }
            sum += n;
            sumSq += (double) n * n;
        }
        double mean = sum / seeds;
        return new double[] {mean, (sumSq - seeds * mean * mean) / (seeds - 1)};
    }

    /** Fraction of failures in [0, scale) that fall in [0, scale / 10), for a population of 1,000 GPUs. */
    private static double firstTenthShare(HazardModel h, double scale) {
        int early = 0;
        int all = 0;
        for (int s = 0; s < 200; s++) {
            SplittableRandom rng = new SplittableRandom(s);
            double t = 0;
            while (true) {
                t += h.nextFailureHours(1000, t, rng);
                if (t >= scale) {
                    break;
                }
                all++;
                if (t < scale / 10) {
                    early++;
                }
            }
        }
        return early / (double) all;
    }
}
