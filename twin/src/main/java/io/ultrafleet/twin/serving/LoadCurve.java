package io.ultrafleet.twin.serving;

import io.ultrafleet.twin.scenario.LoadCurveSpec;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A rate over time from a {@link LoadCurveSpec}: the level in force, times a daily cosine whose mean over a day is 1
 * ({@code 1 + a cos(2 pi (h - peak) / 24)} with {@code a = (r - 1) / (r + 1)} for a peak-to-trough ratio {@code r}),
 * times the weekend factor on Saturday and Sunday (UTC), times the burst multiplier inside a burst. Bursts are drawn
 * once, as a Poisson process, from the stream given, so a run's curve is fixed by its seed.
 */
public final class LoadCurve {
    private static final long DAY_MS = 86_400_000L;
    private final LoadCurveSpec spec;
    private final long[] levelFrom;
    private final double[] levelRate;
    private final double amplitude;
    private final long[] burstStart;

    /** The curve over [{@code startMs}, {@code endMs}) in epoch ms; bursts are drawn from {@code random}. */
    public LoadCurve(LoadCurveSpec spec, long startMs, long endMs, SplittableRandom random) {
        this.spec = spec;
        int n = spec.levels().size();
        levelFrom = new long[n];
        levelRate = new double[n];
        for (int i = 0; i < n; i++) {
            levelFrom[i] = spec.levels().get(i).fromMs();
            levelRate[i] = spec.levels().get(i).perSecond();
        }
        amplitude = (spec.peakToTrough() - 1) / (spec.peakToTrough() + 1);
        long[] bursts = new long[16];
        int count = 0;
        if (spec.burstsPerDay() > 0 && spec.burstMs() > 0) {
            double meanGapMs = DAY_MS / spec.burstsPerDay();
            for (double t = startMs - Math.log(1 - random.nextDouble()) * meanGapMs;
                    t < endMs;
                    t += -Math.log(1 - random.nextDouble()) * meanGapMs) {
                if (count == bursts.length) {
                    bursts = Arrays.copyOf(bursts, count * 2);
                }
                bursts[count++] = (long) t;
            }
        }
        burstStart = Arrays.copyOf(bursts, count);
    }

    /** The rate at epoch time {@code t}, per second. */
    public double at(long t) {
        return level(t) * daily(t) * weekly(t) * burst(t);
    }

    /** The level in force at {@code t} (the weekday daily mean); 0 before the first level. */
    public double level(long t) {
        int i = Arrays.binarySearch(levelFrom, t);
        int idx = i >= 0 ? i : -i - 2;
        return idx < 0 ? 0 : levelRate[idx];
    }

    double daily(long t) {
        if (amplitude == 0) {
            return 1;
        }
        double hour = Math.floorMod(t, DAY_MS) / 3_600_000.0;
        return 1 + amplitude * Math.cos(2 * Math.PI * (hour - spec.peakHourUtc()) / 24);
    }

    double weekly(long t) {
        // 1970-01-01 was a Thursday: day 0 is Thursday, so Monday is 0 after shifting by 3.
        long dow = Math.floorMod(Math.floorDiv(t, DAY_MS) + 3, 7);
        return dow >= 5 ? spec.weekendFactor() : 1;
    }

    double burst(long t) {
        int i = Arrays.binarySearch(burstStart, t);
        int idx = i >= 0 ? i : -i - 2;
        return idx >= 0 && t < burstStart[idx] + spec.burstMs() ? spec.burstMultiplier() : 1;
    }

    /** How many bursts the curve has. */
    public int bursts() {
        return burstStart.length;
    }
}
