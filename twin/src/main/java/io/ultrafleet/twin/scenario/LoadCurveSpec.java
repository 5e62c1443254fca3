package io.ultrafleet.twin.scenario;

import java.util.List;

/**
 * A rate that changes over the scenario: a level set in steps ({@code rates}, each from a time on, the weekday daily
 * mean), shaped by a daily cycle, a weekend factor and random bursts. Used for inference request rates and agent
 * session arrivals; the shape is evaluated by {@code io.ultrafleet.twin.serving.LoadCurve}.
 *
 * @param levels the weekday daily-mean rate from each time on, in time order (per second)
 * @param peakToTrough ratio of the daily peak to the daily trough (1 = flat); a cosine over 24 h
 * @param peakHourUtc hour of the daily peak, UTC, 0 to 24
 * @param weekendFactor the rate on Saturday and Sunday over that of a weekday
 * @param burstsPerDay mean bursts per day (Poisson); 0 for none
 * @param burstMultiplier rate during a burst over the rate without it
 * @param burstMs length of one burst
 */
public record LoadCurveSpec(
        List<Level> levels,
        double peakToTrough,
        double peakHourUtc,
        double weekendFactor,
        double burstsPerDay,
        double burstMultiplier,
        long burstMs) {
    public LoadCurveSpec {
        levels = List.copyOf(levels);
    }

    /** A rate of {@code perSecond} from {@code fromMs} (epoch ms) on. */
    public record Level(long fromMs, double perSecond) {}
}
