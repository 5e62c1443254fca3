package io.ultrafleet.twin.serving;

import io.ultrafleet.twin.inference.StepDemand;

/**
 * Adds two streams of requests to one service: rates add; token means and the cached share are rate-weighted; the
 * coefficients of variation follow from the mixture's second moments; the arrival CV is rate-weighted (an
 * approximation: superposed streams are smoother than either, so this errs on the bursty side).
 */
final class DemandMix {
    private DemandMix() {}

    static StepDemand add(StepDemand a, StepDemand b) {
        double la = a.requestsPerS();
        double lb = b.requestsPerS();
        double l = la + lb;
        if (lb <= 0) {
            return a;
        }
        if (la <= 0) {
            return b;
        }
        double wa = la / l;
        double wb = lb / l;
        double[] in = mix(wa, a.meanInputTokens(), a.cvInputTokens(), wb, b.meanInputTokens(), b.cvInputTokens());
        double[] out = mix(wa, a.meanOutputTokens(), a.cvOutputTokens(), wb, b.meanOutputTokens(), b.cvOutputTokens());
        double inTokens = wa * a.meanInputTokens() + wb * b.meanInputTokens();
        double cached = inTokens <= 0
                ? 0
                : (wa * a.meanInputTokens() * a.cachedInputShare() + wb * b.meanInputTokens() * b.cachedInputShare())
                        / inTokens;
        double cvUncached = wa * a.cvUncachedInputTokens() + wb * b.cvUncachedInputTokens();
        double arrivalCv = wa * a.arrivalCv() + wb * b.arrivalCv();
        return new StepDemand(l, in[0], in[1], out[0], out[1], cached, cvUncached, arrivalCv);
    }

    /** Mean and CV of a two-part mixture. */
    private static double[] mix(double wa, double ma, double cva, double wb, double mb, double cvb) {
        double mean = wa * ma + wb * mb;
        double second = wa * ma * ma * (1 + cva * cva) + wb * mb * mb * (1 + cvb * cvb);
        double var = Math.max(0, second - mean * mean);
        return new double[] {mean, mean > 0 ? Math.sqrt(var) / mean : 0};
    }
}
