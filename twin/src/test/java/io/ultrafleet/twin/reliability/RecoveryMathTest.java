package io.ultrafleet.twin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.spec.CheckpointPolicy;
import org.junit.jupiter.api.Test;

class RecoveryMathTest {
    private static final double SECOND = 1 / 3600.0;
    private static final double MINUTE = 1 / 60.0;

    @Test
    void youngIsSqrtTwoCM() {
        // fleet-facts section 3.3 worked value: M = 3.09 h, C = 60 s gives 19.3 min.
        assertThat(RecoveryMath.youngIntervalHours(60 * SECOND, 3.09) / MINUTE).isCloseTo(19.3, within(0.05));
        assertThat(RecoveryMath.youngIntervalMillis(10_000, 3_600_000)).isEqualTo(268_328);
        assertThat(RecoveryMath.youngIntervalMillis(10_000, 3_600_000))
                .isEqualTo(Math.round(1000 * RecoveryMath.youngIntervalHours(10 * SECOND, 1) * 3600));
    }

    @Test
    void dalyFollowsItsSeriesAndCapsAtM() {
        double c = 0.1;
        double m = 2;
        double a = c / (2 * m);
        assertThat(RecoveryMath.dalyIntervalHours(c, m))
                .isCloseTo(Math.sqrt(2 * c * m) * (1 + Math.sqrt(a) / 3 + a / 9) - c, within(1e-12));
        assertThat(RecoveryMath.dalyIntervalHours(5, 2)).isEqualTo(2);
        // For C much smaller than M, Daly tends to Young: their ratio is 1 + sqrt(C/(2M))/3 - C/sqrt(2CM) + O(C/M).
        double ratio =
                RecoveryMath.dalyIntervalHours(10 * SECOND, 50) / RecoveryMath.youngIntervalHours(10 * SECOND, 50);
        double a50 = 10 * SECOND / 100;
        assertThat(ratio).isCloseTo(1 + Math.sqrt(a50) / 3 - Math.sqrt(a50), within(1e-4));
        assertThat(ratio).isCloseTo(1, within(0.005));
    }

    @Test
    void dalyIsNearTheExactOptimumAndBeatsYoungThere() {
        for (double m : new double[] {0.5, 3.09, 50}) {
            for (double c : new double[] {10 * SECOND, 60 * SECOND, 5 * MINUTE}) {
                for (double r : new double[] {20 * SECOND, 10 * MINUTE}) {
                    double best = exactOptimum(m, c, r);
                    double daly = RecoveryMath.dalyIntervalHours(c, m);
                    double young = RecoveryMath.youngIntervalHours(c, m);
                    double eBest = RecoveryMath.ettrExact(m, best, c, r);
                    assertThat(RecoveryMath.ettrExact(m, daly, c, r))
                            .as("M=%s C=%s R=%s", m, c, r)
                            .isCloseTo(eBest, within(1e-5))
                            .isGreaterThanOrEqualTo(RecoveryMath.ettrExact(m, young, c, r) - 1e-12);
                    assertThat(RecoveryMath.ettrExact(m, daly, c, r))
                            .isGreaterThan(RecoveryMath.ettrExact(m, 0.5 * daly, c, r))
                            .isGreaterThan(RecoveryMath.ettrExact(m, 2 * daly, c, r));
                }
            }
        }
    }

    @Test
    void youngNearlyMinimisesTheFirstOrderLoss() {
        // Young minimises C/tau + tau/(2M) exactly; the product form's optimum moves slightly with R, so Young is
        // within a hair of its minimum and clearly better than half or twice its interval.
        double m = 3.09;
        double c = 10 * SECOND;
        double r = 10 * MINUTE;
        double y = RecoveryMath.youngIntervalHours(c, m);
        double atY = RecoveryMath.expectedLostFraction(m, y, c, r);
        double min = Double.MAX_VALUE;
        for (int i = 1; i <= 4000; i++) {
            min = Math.min(min, RecoveryMath.expectedLostFraction(m, 4 * y * i / 4000, c, r));
        }
        assertThat(atY - min).isBetween(0.0, 2e-4);
        for (double f : new double[] {0.5, 0.7, 1.4, 2}) {
            assertThat(RecoveryMath.expectedLostFraction(m, f * y, c, r)).isGreaterThan(atY + 1e-3);
        }
    }

    @Test
    void firstOrderMatchesTheWorkedValuesAndTheEquivalentForms() {
        // fleet-facts section 3.3: M = 1.8 h, C = 10 s, R = 2 min, tau = 6.0 min gives ETTR about 0.93.
        assertThat(RecoveryMath.ettrFirstOrder(1.8, 6 * MINUTE, 10 * SECOND, 2 * MINUTE))
                .isCloseTo(0.93, within(0.005));
        // Small overheads: the product form, 1 / (1 + C/tau + (R + tau/2)/M) and the exact form agree.
        double m = 50;
        double tau = 0.5;
        double c = 10 * SECOND;
        double r = 20 * SECOND;
        double first = RecoveryMath.ettrFirstOrder(m, tau, c, r);
        assertThat(first).isCloseTo(1 / (1 + c / tau + (r + tau / 2) / m), within(1e-4));
        assertThat(first).isCloseTo(RecoveryMath.ettrExact(m, tau, c, r), within(1e-4));
        assertThat(RecoveryMath.expectedLostFraction(m, tau, c, r)).isCloseTo(1 - first, within(1e-15));
        assertThat(RecoveryMath.expectedLossPerFailureHours(tau, r)).isEqualTo(r + tau / 2);
    }

    @Test
    void firstOrderIsWithinItsStatedBoundOfTheExactFormWhereValid() {
        double worst = 0;
        int valid = 0;
        for (double m : new double[] {0.2, 0.5, 1, 3.09, 10, 50, 500}) {
            for (int i = 1; i <= 200; i++) {
                for (int j = 0; j <= 10; j++) {
                    for (double c : new double[] {SECOND, 10 * SECOND, 60 * SECOND, 5 * MINUTE}) {
                        double tau = 0.1 * m * i / 200;
                        double r = (0.1 * m - tau - c) * j / 10;
                        if (r < 0 || !RecoveryMath.firstOrderValid(m, tau, c, r)) {
                            continue;
                        }
                        valid++;
                        worst = Math.max(
                                worst,
                                Math.abs(RecoveryMath.ettrFirstOrder(m, tau, c, r)
                                        - RecoveryMath.ettrExact(m, tau, c, r)));
                    }
                }
            }
        }
        assertThat(valid).isGreaterThan(10_000);
        assertThat(worst).isLessThanOrEqualTo(0.0063);
        assertThat(RecoveryMath.firstOrderValid(0.507, 3.18 * MINUTE, 10 * SECOND, 10 * MINUTE))
                .isFalse();
    }

    @Test
    void checkpointPoliciesGiveTheirIntervals() {
        long m = 11_134_000; // 3.09 h
        long c = 10_000;
        assertThat(new CheckpointPolicy.Fixed(300_000).intervalMillis(m, c)).isEqualTo(300_000);
        assertThat(new CheckpointPolicy.Young().intervalMillis(m, c)).isEqualTo(RecoveryMath.youngIntervalMillis(c, m));
        assertThat(new CheckpointPolicy.Daly().intervalMillis(m, c))
                .isEqualTo(RecoveryMath.dalyIntervalMillis(c, m))
                .isLessThan(RecoveryMath.youngIntervalMillis(c, m));
        assertThatThrownBy(() -> new CheckpointPolicy.Fixed(0)).hasMessageContaining(">= 1 ms");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> RecoveryMath.youngIntervalHours(0, 1)).hasMessageContaining("checkpoint cost");
        assertThatThrownBy(() -> RecoveryMath.ettrFirstOrder(1, 0, 0, 0)).hasMessageContaining("interval");
        assertThatThrownBy(() -> RecoveryMath.ettrExact(Double.POSITIVE_INFINITY, 1, 0, 0))
                .hasMessageContaining("MTBF");
        assertThatThrownBy(() -> RecoveryMath.ettrExact(1, 1, 0, -1)).hasMessageContaining("restart");
    }

    /** The interval maximising the exact ETTR, by golden-section search on [C/100, 3M]. */
    private static double exactOptimum(double m, double c, double r) {
        double lo = c / 100;
        double hi = 3 * m;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (RecoveryMath.ettrExact(m, a, c, r) > RecoveryMath.ettrExact(m, b, c, r)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return (lo + hi) / 2;
    }
}
