package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Student t quantiles against the published two-sided 95 % table. */
class StudentTTest {
    @Test
    void matchesTheTableOfTwoSided95PercentValues() {
        int[] df = {1, 2, 3, 4, 5, 9, 10, 19, 29, 60, 120};
        double[] t = {12.706, 4.303, 3.182, 2.776, 2.571, 2.262, 2.228, 2.093, 2.045, 2.000, 1.980};
        for (int i = 0; i < df.length; i++) {
            assertThat(StudentT.quantile(0.975, df[i])).as("df %d", df[i]).isCloseTo(t[i], within(0.0006));
        }
    }

    @Test
    void approachesTheNormalQuantileForManyDegrees() {
        assertThat(StudentT.quantile(0.975, 100_000)).isCloseTo(1.95996, within(1e-4));
        assertThat(StudentT.quantile(0.995, 10)).isCloseTo(3.169, within(0.0006));
    }

    @Test
    void logGammaIsRightAtKnownPoints() {
        assertThat(StudentT.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(StudentT.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-12));
        assertThat(StudentT.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-10));
    }
}
