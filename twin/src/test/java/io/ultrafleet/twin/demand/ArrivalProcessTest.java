package io.ultrafleet.twin.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.spec.ArrivalSpec;
import io.ultrafleet.spec.ArrivalSpec.RateStep;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalProcessTest {
    private static final long DAY = 86_400_000L;

    @Test
    void countsFollowAPiecewiseConstantRate() {
        // 100 per day for 100 days, then 400 per day for 100 days.
        ArrivalSpec spec = new ArrivalSpec(List.of(new RateStep(0, 100), new RateStep(100 * DAY, 400)), 200 * DAY, -1);
        ArrivalProcess p = new ArrivalProcess(spec, new SplittableRandom(11));
        long first = 0;
        long second = 0;
        long last = -1;
        for (long t = p.next(-1); t >= 0; t = p.next(t)) {
            assertThat(t).isGreaterThan(last);
            last = t;
            if (t < 100 * DAY) {
                first++;
            } else {
                second++;
            }
        }
        assertThat(first).isCloseTo(10_000, within(400L));
        assertThat(second).isCloseTo(40_000, within(800L));
        assertThat(last).isLessThan(200 * DAY);
    }

    @Test
    void nothingBeforeTheFirstStepAndNothingAtZeroRate() {
        ArrivalSpec spec = new ArrivalSpec(
                List.of(new RateStep(10 * DAY, 50), new RateStep(11 * DAY, 0), new RateStep(20 * DAY, 50)),
                21 * DAY,
                -1);
        ArrivalProcess p = new ArrivalProcess(spec, new SplittableRandom(3));
        for (long t = p.next(-1); t >= 0; t = p.next(t)) {
            assertThat(t >= 10 * DAY && t < 11 * DAY || t >= 20 * DAY && t < 21 * DAY)
                    .as("arrival at %d", t)
                    .isTrue();
        }
    }

    @Test
    void maxJobsStopsTheProcess() {
        ArrivalSpec spec = new ArrivalSpec(List.of(new RateStep(0, 1000)), 100 * DAY, 5);
        ArrivalProcess p = new ArrivalProcess(spec, new SplittableRandom(3));
        int n = 0;
        for (long t = p.next(-1); t >= 0; t = p.next(t)) {
            n++;
        }
        assertThat(n).isEqualTo(5);
    }
}
