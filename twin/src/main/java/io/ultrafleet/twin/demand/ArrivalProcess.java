package io.ultrafleet.twin.demand;

import io.ultrafleet.spec.ArrivalSpec;
import java.util.SplittableRandom;

/**
 * A Poisson process with a piecewise-constant rate. Because the process is memoryless, a gap that crosses into a
 * new rate step is simply drawn again from the step's start at the new rate.
 */
public final class ArrivalProcess {
    private static final double DAY_MS = 86_400_000.0;

    private final ArrivalSpec spec;
    private final SplittableRandom random;
    private long emitted;

    public ArrivalProcess(ArrivalSpec spec, SplittableRandom random) {
        this.spec = spec;
        this.random = random;
    }

    /** The first arrival strictly after {@code after} (absolute epoch ms), or -1 when there is none. */
    public long next(long after) {
        if (spec.maxJobs() >= 0 && emitted >= spec.maxJobs()) {
            return -1;
        }
        long t = after;
        var rates = spec.rates();
        int step = stepAt(t);
        if (step < 0) {
            t = rates.get(0).fromMs();
            step = 0;
        }
        while (t < spec.endMs()) {
            double perDay = rates.get(step).perDay();
            long stepEnd = step + 1 < rates.size() ? rates.get(step + 1).fromMs() : Long.MAX_VALUE;
            if (perDay > 0) {
                long gap = Math.max(1L, Math.round(Sampler.exponential(random, DAY_MS / perDay)));
                long candidate = t + gap;
                if (candidate < stepEnd) {
                    if (candidate >= spec.endMs()) {
                        return -1;
                    }
                    emitted++;
                    return candidate;
                }
            }
            if (stepEnd == Long.MAX_VALUE) {
                return -1;
            }
            t = stepEnd;
            step++;
        }
        return -1;
    }

    private int stepAt(long t) {
        var rates = spec.rates();
        int s = -1;
        for (int i = 0; i < rates.size() && rates.get(i).fromMs() <= t; i++) {
            s = i;
        }
        return s;
    }
}
