package io.ultrafleet.twin.inference;

/**
 * A trace aggregated into flow steps, as the twin would see the same demand: per step, the arrival rate, the mean and
 * coefficient of variation of prompt and output tokens, the prefix-cache share of prompt tokens and the coefficient of
 * variation of inter-arrival gaps within the step (1 when a step has fewer than three requests).
 */
public final class TraceSteps {
    private TraceSteps() {}

    /**
     * @param cachedTokens per request, prompt tokens served by the prefix cache
     * @return one demand per step, from the first arrival to the step holding the last
     */
    public static StepDemand[] of(InferenceTrace trace, int[] cachedTokens, long stepMs) {
        int steps = ReplayWindow.steps(trace.spanMs(), stepMs);
        StepDemand[] out = new StepDemand[steps];
        double stepS = stepMs / 1000.0;
        int i = 0;
        for (int k = 0; k < steps; k++) {
            long end = (k + 1) * stepMs;
            int from = i;
            double in = 0;
            double in2 = 0;
            double outT = 0;
            double out2 = 0;
            double cached = 0;
            double un = 0;
            double un2 = 0;
            while (i < trace.size() && trace.arrivalMs(i) < end) {
                double a = trace.inputTokens(i);
                double o = trace.outputTokens(i);
                double u = Math.max(1, a - cachedTokens[i]);
                in += a;
                in2 += a * a;
                outT += o;
                out2 += o * o;
                cached += cachedTokens[i];
                un += u;
                un2 += u * u;
                i++;
            }
            int n = i - from;
            if (n == 0) {
                out[k] = StepDemand.of(0, 0, 0, 0, 0);
                continue;
            }
            out[k] = new StepDemand(
                    n / stepS,
                    in / n,
                    cv(in, in2, n),
                    outT / n,
                    cv(outT, out2, n),
                    in > 0 ? cached / in : 0,
                    cv(un, un2, n),
                    arrivalCv(trace, from, i, k * stepMs, stepMs));
        }
        return out;
    }

    private static double cv(double sum, double sumSq, int n) {
        double mean = sum / n;
        if (mean <= 0) {
            return 0;
        }
        double var = Math.max(0, sumSq / n - mean * mean);
        return Math.sqrt(var) / mean;
    }

    /** Bins per step over which the index of dispersion of arrival counts is measured. */
    static final int BINS = 12;

    /**
     * Arrival variability of one step: the square root of the larger of the squared coefficient of variation of the
     * gaps and the index of dispersion of counts (variance over mean) in {@value #BINS} bins of the step. Both are 1
     * for Poisson arrivals; the second also sees a rate that changes within the step.
     */
    private static double arrivalCv(InferenceTrace t, int from, int to, long startMs, long stepMs) {
        int gaps = to - from - 1;
        if (gaps < 2) {
            return 1;
        }
        double sum = 0;
        double sumSq = 0;
        for (int j = from + 1; j < to; j++) {
            double g = t.arrivalMs(j) - t.arrivalMs(j - 1);
            sum += g;
            sumSq += g * g;
        }
        double gapCv = sum > 0 ? cv(sum, sumSq, gaps) : 1;
        int[] counts = new int[BINS];
        for (int j = from; j < to; j++) {
            int bin = (int) Math.min(BINS - 1, (t.arrivalMs(j) - startMs) * BINS / stepMs);
            counts[bin]++;
        }
        double mean = (double) (to - from) / BINS;
        double var = 0;
        for (int c : counts) {
            var += (c - mean) * (c - mean);
        }
        double dispersion = var / (BINS - 1) / mean;
        return Math.sqrt(Math.max(gapCv * gapCv, dispersion));
    }
}
