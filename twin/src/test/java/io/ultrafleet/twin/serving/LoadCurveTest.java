package io.ultrafleet.twin.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.twin.scenario.LoadCurveSpec;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadCurveTest {
    private static final long DAY = 86_400_000L;
    private static final long MONDAY = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    private static LoadCurve curve(double ratio, double weekend, double bursts) {
        LoadCurveSpec spec = new LoadCurveSpec(
                List.of(new LoadCurveSpec.Level(MONDAY, 100), new LoadCurveSpec.Level(MONDAY + 7 * DAY, 200)),
                ratio,
                17,
                weekend,
                bursts,
                2.0,
                3_600_000L);
        return new LoadCurve(spec, MONDAY, MONDAY + 70 * DAY, new SplittableRandom(1));
    }

    @Test
    void theDailyCycleKeepsTheLevelAsItsMeanAndPeaksWhenAsked() {
        LoadCurve c = curve(2.0, 1, 0);
        double sum = 0;
        for (int m = 0; m < 1440; m++) {
            sum += c.at(MONDAY + m * 60_000L);
        }
        assertThat(sum / 1440).isCloseTo(100, within(1e-9));
        double peak = c.at(MONDAY + 17 * 3_600_000L);
        double trough = c.at(MONDAY + 5 * 3_600_000L);
        assertThat(peak / trough).isCloseTo(2.0, within(1e-9));
        assertThat(c.at(MONDAY - 1)).isZero(); // before the first level
        assertThat(c.level(MONDAY + 8 * DAY)).isEqualTo(200);
    }

    @Test
    void weekendsAreScaled() {
        LoadCurve c = curve(1, 0.25, 0);
        assertThat(c.at(MONDAY + 4 * DAY + 1000)).isEqualTo(100); // Friday
        assertThat(c.at(MONDAY + 5 * DAY + 1000)).isEqualTo(25); // Saturday
        assertThat(c.at(MONDAY + 6 * DAY + 1000)).isEqualTo(25); // Sunday
    }

    @Test
    void burstsArriveAtTheirRateAndMultiplyTheLoad() {
        LoadCurve c = curve(1, 1, 2);
        // 70 days at 2 a day: 140 expected, Poisson sd ~12.
        assertThat(c.bursts()).isBetween(100, 180);
        double inside = 0;
        for (long t = MONDAY; t < MONDAY + 70 * DAY; t += 60_000L) {
            inside += c.at(t) > c.level(t) ? 1 : 0;
        }
        // About 2 h a day inside a burst (less where bursts overlap).
        assertThat(inside / (70 * 1440)).isBetween(0.06, 0.09);
    }
}
