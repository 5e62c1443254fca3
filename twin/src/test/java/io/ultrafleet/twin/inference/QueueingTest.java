package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The queueing formulas against values worked out by hand. */
class QueueingTest {
    @Test
    void erlangCOfOneServerIsItsUtilisation() {
        assertThat(Queueing.erlangC(1, 0.3)).isCloseTo(0.3, within(1e-12));
        assertThat(Queueing.erlangC(1, 0.9)).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void erlangCMatchesHandComputedTables() {
        // C(c, a) = [a^c / c! * c / (c - a)] / [sum_{k<c} a^k / k! + a^c / c! * c / (c - a)]
        // c = 2, a = 1: (1/2 * 2) / (1 + 1 + 1) = 1/3
        assertThat(Queueing.erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(1e-12));
        // c = 3, a = 2: (8/6 * 3) / (1 + 2 + 2 + 4) = 4/9
        assertThat(Queueing.erlangC(3, 2.0)).isCloseTo(4.0 / 9, within(1e-12));
        // c = 5, a = 4: 4^5/120 * 5 = 42.6667; sum_{k<5} 4^k/k! = 1 + 4 + 8 + 10.6667 + 10.6667 = 34.3333
        assertThat(Queueing.erlangC(5, 4.0)).isCloseTo(42.666_667 / (34.333_333 + 42.666_667), within(1e-6));
    }

    @Test
    void erlangCIsZeroWithoutLoadAndOneAtOrAboveTheServers() {
        assertThat(Queueing.erlangC(8, 0)).isZero();
        assertThat(Queueing.erlangC(8, 8)).isEqualTo(1);
        assertThat(Queueing.erlangC(8, 9.5)).isEqualTo(1);
    }

    @Test
    void halfinWhittIsCloseToTheExactValueForManyServers() {
        for (double rho : new double[] {0.8, 0.9, 0.95, 0.99}) {
            int c = 1_000;
            double a = rho * c;
            double b = 1;
            for (int k = 1; k <= c; k++) {
                b = a * b / (k + a * b);
            }
            double exact = c * b / (c - a * (1 - b));
            assertThat(Queueing.erlangC(c, a)).as("rho %s", rho).isCloseTo(exact, within(0.02));
        }
    }

    @Test
    void erlangCAtTwoLoadsGivesExactlyTheValuesOfTwoCalls() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            int c = 1 + random.nextInt(300);
            // loads below, at and above the servers, zero, and pairs close together as a derivative asks
            double a = random.nextInt(10) == 0 ? 0 : c * 1.1 * random.nextDouble();
            double b = random.nextBoolean() ? a + 1e-4 * Math.abs(c - a) : c * 1.1 * random.nextDouble();
            double[] both = Queueing.erlangC(c, a, b);
            assertThat(both[0]).as("c %s a %s", c, a).isEqualTo(Queueing.erlangC(c, a));
            assertThat(both[1]).as("c %s b %s", c, b).isEqualTo(Queueing.erlangC(c, b));
        }
    }

    @Test
    void allenCunneenIsTheMm1WaitForExponentialTimesAndScalesWithVariability() {
        // M/M/1 with lambda = 0.8, E[S] = 1: Wq = rho / (mu - lambda) = 0.8 / 0.2 = 4
        assertThat(Queueing.allenCunneenWaitS(1, 0.8, 1.0, 1, 1)).isCloseTo(4.0, within(1e-12));
        // M/D/1: half the M/M/1 wait (Pollaczek-Khinchine), which Allen-Cunneen gives exactly for one server
        assertThat(Queueing.allenCunneenWaitS(1, 0.8, 1.0, 1, 0)).isCloseTo(2.0, within(1e-12));
        // M/M/2 with a = 1, E[S] = 2: C = 1/3, Wq = C * E[S] / (c - a) = 2/3
        assertThat(Queueing.allenCunneenWaitS(2, 1.0, 2.0, 1, 1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Queueing.allenCunneenWaitS(2, 2.0, 2.0, 1, 1)).isInfinite();
    }
}
