package io.ultrafleet.twin.inference;

/**
 * The mean state of one replica serving a steady stream of requests: a mean-value analysis of continuous batching
 * with chunked prefill. With {@code lambda} requests per second per replica, {@code x} prompt tokens to prefill and
 * {@code y} decode tokens (output tokens after the first) per request, the replica prefills a fraction {@code m} of
 * its steps and decodes a batch of {@code b} on average, where
 *
 * <pre>
 *   m = lambda * x * mixedStep(b) / chunk                 (prefill throughput: chunk tokens per mixed step)
 *   nu = m / mixedStep(b + e) + (1 - m) / decodeStep(b + e) (steps per second seen by a decoding sequence)
 *   b = lambda * y / nu                                   (Little's law on the decode batch)
 * </pre>
 *
 * solved for the smallest {@code b} by regula falsi. The steps are the roofline steps of {@link ServiceProfile}. A
 * decoding sequence sees a batch larger than the time average by {@code e}. For one replica {@code e = 1}, which makes
 * the fixed point exact without prefill: with steps of {@code t0 + t1 b}, the batch of a processor-sharing server is
 * negative binomial with mean {@code (t0 / t1 + 1) rho / (1 - rho)}, {@code rho = lambda y t1}. A pool that sends each
 * request to its least-loaded replica keeps the batches close to each other and behaves more like one shared server,
 * for which the offset per replica tends to {@code 1 / n}; the flow model takes {@code e = 1 / sqrt(n)} for {@code n}
 * replicas, between the two.
 *
 * @param batch mean sequences decoding, {@code b}
 * @param seenBatch the batch as a decoding sequence sees it, {@code b + e}
 * @param prefillShare share of steps that carry a prefill chunk, {@code m}
 * @param tpotS mean time per output token after the first, {@code 1 / nu}
 * @param prefillS mean prefill time of a request once started, {@code x * mixedStep(b) / chunk}
 * @param mixedStepS a step with a prefill chunk at the mean batch
 * @param decodeStepS a step without one, as a decoding sequence sees it
 */
record ReplicaLoad(
        double batch,
        double seenBatch,
        double prefillShare,
        double tpotS,
        double prefillS,
        double mixedStepS,
        double decodeStepS) {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-7;

    /**
     * The most requests per second one replica serves with this token mix: either prefill runs in every step and the
     * batch settles at {@code chunk * y / x} (prefill-bound), or the batch is full and prefill takes the steps it can
     * (decode-bound).
     */
    static double maxRequestsPerS(ServiceProfile p, double x, double y) {
        double chunk = p.prefillChunkTokens();
        double prefillBoundBatch = y <= 0 ? 0 : chunk * y / x;
        if (prefillBoundBatch <= p.maxBatch()) {
            return chunk / (x * p.mixedStepS(prefillBoundBatch));
        }
        double batch = p.maxBatch();
        double mixed = p.mixedStepS(batch);
        double decode = p.decodeStepS(batch);
        double m = (batch / (y * decode)) / (chunk / (mixed * x) + batch * (1 / decode - 1 / mixed) / y);
        return Math.min(m, 1.0) * chunk / (mixed * x);
    }

    /** The batch a decoding sequence sees above the time average, on a pool of {@code replicas}. */
    static double seenOffset(int replicas) {
        return 1 / Math.sqrt(Math.max(1, replicas));
    }

    /**
     * The mean state at {@code lambda} requests per second per replica, which must be below {@link
     * #maxRequestsPerS}, on a pool of {@code replicas}.
     */
    static ReplicaLoad solve(ServiceProfile p, double lambda, double x, double y, int replicas) {
        double chunk = p.prefillChunkTokens();
        double e = seenOffset(replicas);
        if (lambda <= 0) {
            return new ReplicaLoad(
                    0, 1, 0, p.decodeStepS(1), x * p.mixedStepS(0) / chunk, p.mixedStepS(0), p.decodeStepS(1));
        }
        double b = y > 0 ? fixedPoint(p, lambda, x, y, e) : 0;
        double mixed = p.mixedStepS(b);
        double m = Math.min(1, lambda * x * mixed / chunk);
        double nu = m / p.mixedStepS(b + e) + (1 - m) / p.decodeStepS(b + e);
        return new ReplicaLoad(b, b + e, m, 1 / nu, x * mixed / chunk, mixed, p.decodeStepS(b + e));
    }

    /**
     * The smallest root of {@link #excess} in {@code [0, maxBatch]}; {@code maxBatch} if there is none. When steps with
     * a chunk are memory-bound too, every step takes {@code t0 + t1 (b + e)} and the root is {@code lambda y (t0 + t1
     * e) / (1 - lambda y t1)}; otherwise Newton's method, kept inside a shrinking bracket (a bisection step whenever
     * Newton would leave it).
     */
    private static double fixedPoint(ServiceProfile p, double lambda, double x, double y, double e) {
        double t0 = p.stepBaseS();
        double t1 = p.stepPerSequenceS();
        double tp = 1 / p.replicaPrefillTokensPerS();
        double ly = lambda * y;
        double hi = p.maxBatch();
        if (ly * t1 < 1 && t1 > tp) {
            double memoryBound = ly * (t0 + t1 * e) / (1 - ly * t1);
            double crossing = (tp * p.prefillChunkTokens() - t0) / (t1 - tp);
            if (memoryBound >= crossing && memoryBound <= hi) {
                return memoryBound;
            }
        }
        double lo = 0;
        if (excess(p, lambda, x, y, hi, e) <= 0) {
            return hi;
        }
        double b = Math.min(hi, ly * t0);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double f = excess(p, lambda, x, y, b, e);
            if (f < 0) {
                lo = b;
            } else {
                hi = b;
            }
            double h = 1e-6 * (1 + b);
            double slope = (excess(p, lambda, x, y, b + h, e) - f) / h;
            double next = slope > 0 ? b - f / slope : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - b) <= TOLERANCE * (1 + b)) {
                return next;
            }
            b = next;
        }
        return b;
    }

    /** {@code b} minus what Little's law gives for a batch of {@code b}: negative below the fixed point. */
    private static double excess(ServiceProfile p, double lambda, double x, double y, double b, double e) {
        double m = Math.min(1, lambda * x * p.mixedStepS(b) / p.prefillChunkTokens());
        double nu = m / p.mixedStepS(b + e) + (1 - m) / p.decodeStepS(b + e);
        return b - lambda * y / nu;
    }
}
