package io.ultrafleet.twin.inference;

/**
 * The demand on one inference service during one flow step: a request rate and the shape of its requests. The twin
 * builds one per service per step from the service's demand curve; a replay builds them from a trace.
 *
 * @param requestsPerS mean arrival rate, requests per second
 * @param meanInputTokens mean prompt tokens per request
 * @param cvInputTokens coefficient of variation of prompt tokens
 * @param meanOutputTokens mean output tokens per request
 * @param cvOutputTokens coefficient of variation of output tokens
 * @param cachedInputShare share of prompt tokens found in the prefix cache, 0..1; only the rest are prefilled
 * @param cvUncachedInputTokens coefficient of variation of the prompt tokens left to prefill per request
 * @param arrivalCv coefficient of variation of inter-arrival times: 1 for Poisson arrivals, more for bursts
 */
public record StepDemand(
        double requestsPerS,
        double meanInputTokens,
        double cvInputTokens,
        double meanOutputTokens,
        double cvOutputTokens,
        double cachedInputShare,
        double cvUncachedInputTokens,
        double arrivalCv) {

    public StepDemand {
        check(requestsPerS >= 0, "requestsPerS", ">= 0");
        check(meanInputTokens >= 0, "meanInputTokens", ">= 0");
        check(cvInputTokens >= 0, "cvInputTokens", ">= 0");
        check(meanOutputTokens >= 0, "meanOutputTokens", ">= 0");
        check(cvOutputTokens >= 0, "cvOutputTokens", ">= 0");
        check(cachedInputShare >= 0 && cachedInputShare <= 1, "cachedInputShare", "0..1");
        check(cvUncachedInputTokens >= 0, "cvUncachedInputTokens", ">= 0");
        check(arrivalCv >= 0, "arrivalCv", ">= 0");
    }

    private static void check(boolean ok, String field, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("step demand field '" + field + "': allowed a finite number " + allowed);
        }
    }

    /** Poisson arrivals without a prefix cache. */
    public static StepDemand of(
            double requestsPerS,
            double meanInputTokens,
            double cvInputTokens,
            double meanOutputTokens,
            double cvOutputTokens) {
        return new StepDemand(
                requestsPerS, meanInputTokens, cvInputTokens, meanOutputTokens, cvOutputTokens, 0, cvInputTokens, 1);
    }

    /** The same demand with a prefix cache serving {@code share} of the prompt tokens. */
    public StepDemand withPrefixCache(double share, double cvUncached) {
        return new StepDemand(
                requestsPerS,
                meanInputTokens,
                cvInputTokens,
                meanOutputTokens,
                cvOutputTokens,
                share,
                cvUncached,
                arrivalCv);
    }

    /** The same demand with bursty arrivals. */
    public StepDemand withArrivalCv(double cv) {
        return new StepDemand(
                requestsPerS,
                meanInputTokens,
                cvInputTokens,
                meanOutputTokens,
                cvOutputTokens,
                cachedInputShare,
                cvUncachedInputTokens,
                cv);
    }

    /** The same demand at another rate. */
    public StepDemand withRate(double rate) {
        return new StepDemand(
                rate,
                meanInputTokens,
                cvInputTokens,
                meanOutputTokens,
                cvOutputTokens,
                cachedInputShare,
                cvUncachedInputTokens,
                arrivalCv);
    }

    /** Mean prompt tokens a request needs prefilled: the uncached ones, at least one. */
    public double prefillTokens() {
        return Math.max(1, meanInputTokens * (1 - cachedInputShare));
    }

    /** Mean decode steps a request needs: its output tokens after the first (the prefill gives the first). */
    public double decodeTokens() {
        return Math.max(0, meanOutputTokens - 1);
    }
}
