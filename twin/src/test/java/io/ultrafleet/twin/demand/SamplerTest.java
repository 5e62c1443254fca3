package io.ultrafleet.twin.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.spec.DistributionSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final int N = 200_000;

    @Test
    void choiceFollowsItsWeights() {
        Sampler s = new Sampler(
                new DistributionSpec.Choice(new double[] {1, 2, 3}, new double[] {1, 2, 7}), new SplittableRandom(1));
        int[] counts = new int[4];
        for (int i = 0; i < N; i++) {
            counts[(int) s.next()]++;
        }
        assertThat(counts[1] / (double) N).isCloseTo(0.1, within(0.005));
        assertThat(counts[2] / (double) N).isCloseTo(0.2, within(0.005));
        assertThat(counts[3] / (double) N).isCloseTo(0.7, within(0.005));
    }

    @Test
    void logNormalHasItsMedianAndMeanAndIsClamped() {
        Sampler s = new Sampler(
                new DistributionSpec.LogNormal(10, 0.5, 0, Double.POSITIVE_INFINITY), new SplittableRandom(2));
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = s.next();
        }
        Arrays.sort(v);
        assertThat(v[N / 2]).isCloseTo(10, within(0.1));
        assertThat(Arrays.stream(v).average().orElseThrow()).isCloseTo(10 * Math.exp(0.125), within(0.1));
        Sampler clamped = new Sampler(new DistributionSpec.LogNormal(10, 2, 5, 20), new SplittableRandom(3));
        for (int i = 0; i < 10_000; i++) {
            assertThat(clamped.next()).isBetween(5.0, 20.0);
        }
    }

    @Test
    void exponentialAndUniformHaveTheirMeans() {
        Sampler e =
                new Sampler(new DistributionSpec.Exponential(4, 0, Double.POSITIVE_INFINITY), new SplittableRandom(4));
        Sampler u = new Sampler(new DistributionSpec.Uniform(2, 6), new SplittableRandom(5));
        double se = 0;
        double su = 0;
        for (int i = 0; i < N; i++) {
            se += e.next();
            su += u.next();
        }
        assertThat(se / N).isCloseTo(4, within(0.05));
        assertThat(su / N).isCloseTo(4, within(0.02));
        assertThat(new Sampler(new DistributionSpec.Fixed(7), new SplittableRandom(6)).next())
                .isEqualTo(7);
    }
}
