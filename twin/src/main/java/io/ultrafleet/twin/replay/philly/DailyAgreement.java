package io.ultrafleet.twin.replay.philly;

import java.util.ArrayList;
import java.util.List;

/**
 * A replay's daily mean of active servers against a real series', day by day, as a mean absolute percentage error.
 * A day counts when the real series observed at least {@link #MIN_OBSERVED_MINUTES} of its minutes; both means are
 * taken over the minutes it observed. Days before {@code fromMs} are left out (a warm-up, or the calibration).
 */
public final class DailyAgreement {
    /** Half a day. */
    public static final int MIN_OBSERVED_MINUTES = ActiveSeries.MINUTES_PER_DAY / 2;

    /** One scored day: its first minute and the two means. */
    public record Day(long startMs, double replay, double real) {
        /** |replay - real| / real. */
        public double error() {
            return Math.abs(replay - real) / real;
        }
    }

    private DailyAgreement() {}

    /** The days of both series from {@code fromMs} (inclusive) to {@code toMs} (exclusive), day-aligned to the replay. */
    public static List<Day> days(ActiveSeries replay, NodeSequence real, long fromMs, long toMs) {
        List<Day> out = new ArrayList<>();
        for (int d = 0; d < replay.days(); d++) {
            long dayStart = replay.startMs() + d * ActiveSeries.MINUTES_PER_DAY * ActiveSeries.MINUTE_MS;
            if (dayStart < fromMs || dayStart >= toMs) {
                continue;
            }
            long sumReplay = 0;
            long sumReal = 0;
            int observed = 0;
            for (int m = 0; m < ActiveSeries.MINUTES_PER_DAY; m++) {
                int r = real.at(dayStart + m * ActiveSeries.MINUTE_MS);
                if (r >= 0) {
                    sumReal += r;
                    sumReplay += replay.at(d * ActiveSeries.MINUTES_PER_DAY + m);
                    observed++;
                }
            }
            if (observed >= MIN_OBSERVED_MINUTES) {
                out.add(new Day(dayStart, sumReplay / (double) observed, sumReal / (double) observed));
            }
        }
        return out;
    }

    /** The mean of the days' errors, as a fraction; NaN without days. */
    public static double mape(List<Day> days) {
        return days.stream().mapToDouble(Day::error).average().orElse(Double.NaN);
    }
}
