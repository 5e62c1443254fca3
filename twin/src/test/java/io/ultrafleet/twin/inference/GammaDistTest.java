package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The gamma distribution and the latency mixtures built on it, against closed forms. */
class GammaDistTest {
    @Test
    void lnGammaMatchesFactorialsAndHalfIntegers() {
        assertThat(GammaDist.lnGamma(5)).isCloseTo(Math.log(24), within(1e-10));
        assertThat(GammaDist.lnGamma(1)).isCloseTo(0, within(1e-10));
        assertThat(GammaDist.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-10));
        // reference values from Python's math.lgamma
        assertThat(GammaDist.lnGamma(30.5)).isCloseTo(72.953_471_184_169_4, within(1e-9));
        assertThat(GammaDist.lnGamma(0.1)).isCloseTo(2.252_712_651_734_205_5, within(1e-9));
        assertThat(GammaDist.lnGamma(3.7)).isCloseTo(1.428_072_326_665_388_3, within(1e-9));
    }

    @Test
    void exponentialAndErlangCdfsAreExact() {
        // CV 1: exponential
        for (double x : new double[] {0.1, 1, 2.5, 9}) {
            assertThat(GammaDist.cdf(x, 2, 4)).isCloseTo(1 - Math.exp(-x / 2), within(1e-9));
        }
        // shape 2, scale 1 (mean 2, variance 2): 1 - e^-z (1 + z)
        for (double z : new double[] {0.2, 1, 3, 12}) {
            assertThat(GammaDist.cdf(z, 2, 2)).isCloseTo(1 - Math.exp(-z) * (1 + z), within(1e-9));
        }
    }

    @Test
    void largeShapesAreNearlyNormalAndZeroVarianceIsAPointMass() {
        // shape 400 (CV 0.05): the mean is close to the median
        assertThat(GammaDist.cdf(1.0, 1.0, 0.0025)).isCloseTo(0.5, within(0.02));
        assertThat(GammaDist.cdf(1.1, 1.0, 0.0025)).isCloseTo(0.977, within(0.01));
        assertThat(GammaDist.cdf(0.99, 1.0, 0)).isZero();
        assertThat(GammaDist.cdf(1.0, 1.0, 0)).isEqualTo(1);
    }

    @Test
    void mixturesWeighTheirComponentsAndInvertTheirCdf() {
        LatencyMix mix = new LatencyMix().add(3, 1, 1).add(1, 10, 100);
        assertThat(mix.mean()).isCloseTo((3 * 1 + 10) / 4.0, within(1e-12));
        double expected = 0.75 * (1 - Math.exp(-2)) + 0.25 * (1 - Math.exp(-0.2));
        assertThat(mix.cdf(2)).isCloseTo(expected, within(1e-9));
        assertThat(mix.cdf(mix.quantile(0.9))).isCloseTo(0.9, within(1e-6));
        assertThat(new LatencyMix().quantile(0.5)).isNaN();
        LatencyMix scaled = new LatencyMix().addAll(mix, 8);
        assertThat(scaled.cdf(2)).isCloseTo(expected, within(1e-12));
    }
}
