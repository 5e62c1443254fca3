package io.ultrafleet.twin.inference;

/**
 * One flow step of one service ({@link FlowModel#step}): a pointwise-stationary fluid approximation of the pool. The
 * steady state at the step's rate gives targets (the queue length of an M/G/c prefill queue, the mean decode batch);
 * the pool's state moves towards them over the step, by exponential relaxation with the linearised time constant,
 * or, when more requests wait than in steady state or arrive than the pool can serve, as a fluid at capacity.
 * Latencies follow from the state averaged over the step. See {@code docs/inference.md} for the formulas.
 */
final class StepSolver {
    /** Share of a request's life over which its batch keeps its size (correlation of the batch size). */
    private static final double BATCH_MEMORY = 0.75;
    /** Just below capacity, where a saturated replica is evaluated. */
    static final double SATURATED = 1 - 1e-6;

    private final ServiceProfile p;
    private final double dt;
    private final Overload overload;

    StepSolver(ServiceProfile profile, long stepMs, Overload overload) {
        this.p = profile;
        this.dt = stepMs / 1000.0;
        this.overload = overload;
    }

    /** The prefill queue in steady state: requests waiting, wait probability and time constant. */
    private record Queue(double waiting, double waitProbability, double meanWaitS, double relaxS) {}

    private static Queue queue(int n, double lambda, double a, double serviceS, double variability) {
        if (lambda <= 0 || a <= 0) {
            return new Queue(0, 0, 0, serviceS);
        }
        double h = 1e-4 * (n - a);
        double[] c = Queueing.erlangC(n, a, a + h);
        double pw = c[0];
        double lq = waiting(n, a, pw, variability);
        double slope = (waiting(n, a + h, c[1], variability) - lq) / h;
        return new Queue(lq, pw, lq / lambda, serviceS * (1 + slope));
    }

    /** Requests waiting in a G/G/n queue at offered load {@code a}: Allen-Cunneen's {@code a C / (n - a) * v}. */
    private static double waiting(int n, double a, double erlangC, double variability) {
        return a * erlangC / (n - a) * variability;
    }

    /** The steady state at {@code demand}: the backlog and decoding requests the pool settles at. */
    ServiceState steady(StepDemand d, int n) {
        double lambda = d.requestsPerS();
        if (n <= 0 || lambda <= 0) {
            return ServiceState.IDLE;
        }
        double perReplica = ReplicaLoad.maxRequestsPerS(p, d.prefillTokens(), d.decodeTokens());
        double r = Math.min(lambda / n, perReplica * SATURATED);
        ReplicaLoad st = ReplicaLoad.solve(p, r, d.prefillTokens(), d.decodeTokens(), n);
        double a = Math.min(r * n * st.prefillS(), n * SATURATED);
        Queue q = queue(n, r * n, a, st.prefillS(), variability(d));
        return ServiceState.of(q.waiting(), d, n * st.batch());
    }

    private static double variability(StepDemand d) {
        return (sq(d.arrivalCv()) + sq(d.cvUncachedInputTokens())) / 2;
    }

    /** The token mix of a group of requests: prefill and decode tokens, prompt and output tokens, per request. */
    private record Mix(double prefill, double decode, double input, double output) {
        static Mix of(StepDemand d) {
            return new Mix(d.prefillTokens(), d.decodeTokens(), d.meanInputTokens(), d.meanOutputTokens());
        }

        /** The backlog's mix, or {@code fallback} when there is none. */
        static Mix of(ServiceState s, Mix fallback) {
            double q = s.queuedRequests();
            if (q <= 0) {
                return fallback;
            }
            double out = s.queuedOutputTokens() / q;
            return new Mix(
                    Math.max(1, s.queuedPrefillTokens() / q), Math.max(0, out - 1), s.queuedInputTokens() / q, out);
        }
    }

    /** Replica-seconds one request of mix {@code m} takes when the pool runs at capacity. */
    private double work(Mix m) {
        return 1 / ReplicaLoad.maxRequestsPerS(p, m.prefill(), m.decode());
    }

    FlowStep solve(StepDemand d, int n, ServiceState state) {
        double lambda = d.requestsPerS();
        double arrived = lambda * dt;
        Mix a = Mix.of(d);
        Mix b = Mix.of(state, a);
        double q0 = state.queuedRequests();
        if (n <= 0) {
            return unserved(d, state, arrived, a);
        }
        double wA = work(a);
        double wB = work(b);
        double muA = n / wA;
        double workCap = overload.sheds() ? n * overload.maxQueueWaitMs() / 1000.0 : Double.POSITIVE_INFINITY;
        double shed = 0;
        if (q0 * wB > workCap) {
            shed += q0 - workCap / wB;
            q0 = workCap / wB;
        }

        // Steady state at this step's rate, if the pool can serve it.
        boolean stable = lambda < muA;
        ReplicaLoad st = ReplicaLoad.solve(p, (stable ? lambda : SATURATED * muA) / n, a.prefill(), a.decode(), n);
        Queue qs = stable
                ? queue(n, lambda, Math.min(lambda * st.prefillS(), n * SATURATED), st.prefillS(), variability(d))
                : new Queue(0, 1, 0, 1);

        // Phase 1: the backlog beyond steady state is served first, at capacity, while arrivals queue behind it.
        double excess = Math.max(0, q0 - qs.waiting());
        double t1 = Math.min(dt, excess * wB / n);
        double served1 = t1 * n / wB;
        double leftB = Math.max(0, excess - served1);
        double queueA = q0 - excess + lambda * t1;
        double[] kept = keepWithinLimit(leftB, wB, queueA, wA, workCap);
        shed += leftB - kept[0] + queueA - kept[1];
        leftB = kept[0];
        queueA = kept[1];
        double wait1 = (q0 * wB + leftB * wB + queueA * wA) / (2 * n);
        double wait1Var = sq((q0 * wB - leftB * wB - queueA * wA) / n) / 12;

        // Phase 2: this step's arrivals, as a fluid at capacity while their queue is above steady state (or grows),
        // then relaxing towards steady state.
        double t2 = dt - t1;
        double fluidS = 0;
        if (t2 > 0) {
            fluidS = !stable ? t2 : queueA > qs.waiting() ? Math.min(t2, (queueA - qs.waiting()) / (muA - lambda)) : 0;
        }
        double qFluidStart = queueA;
        double servedFluid = muA * fluidS;
        double grown = Math.max(0, queueA + (lambda - muA) * fluidS);
        queueA = Math.min(grown, Math.max(0, (workCap - leftB * wB) / wA));
        shed += grown - queueA;
        double wait2 = (qFluidStart + queueA) * wA / (2 * n);
        double wait2Var = sq((qFluidStart - queueA) * wA / n) / 12;
        double restS = t2 - fluidS;
        double servedSteady = 0;
        double pWait = 0;
        double waitIfWaiting = 0;
        double shedShare = 0;
        if (restS > 0) {
            double start = queueA;
            double target = qs.waiting();
            double decay = Math.exp(-restS / qs.relaxS());
            double avg = target + (start - target) * qs.relaxS() / restS * (1 - decay);
            queueA = Math.max(0, target + (start - target) * decay);
            double filled = target > 0 ? Math.max(0, Math.min(1, avg / target)) : 1;
            pWait = qs.waitProbability() * Math.sqrt(filled);
            waitIfWaiting = qs.waitProbability() > 0 ? qs.meanWaitS() / qs.waitProbability() * Math.sqrt(filled) : 0;
            if (overload.sheds() && pWait > 0 && waitIfWaiting > 0) {
                shedShare = pWait * Math.exp(-overload.maxQueueWaitMs() / 1000.0 / waitIfWaiting);
            }
            double arrivals = lambda * restS;
            shed += arrivals * shedShare;
            servedSteady = Math.max(0, arrivals * (1 - shedShare) - (queueA - start));
        }
        double[] left = keepWithinLimit(leftB, wB, queueA, wA, workCap);
        shed += leftB - left[0] + queueA - left[1];
        leftB = left[0];
        queueA = left[1];

        // The decode batch relaxes towards what the phases ask of it.
        ReplicaLoad satA = fluidS > 0 && stable ? ReplicaLoad.solve(p, SATURATED / wA, a.prefill(), a.decode(), n) : st;
        ReplicaLoad satB = t1 > 0 ? ReplicaLoad.solve(p, SATURATED / wB, b.prefill(), b.decode(), n) : st;
        double m = (t1 * satB.prefillShare() + fluidS * satA.prefillShare() + restS * st.prefillShare()) / dt;
        double batchTarget = (t1 * satB.batch() + fluidS * satA.batch() + restS * st.batch()) / dt;
        double b0 = Math.min(p.maxBatch(), state.decodingRequests() / n);
        double e = ReplicaLoad.seenOffset(n);
        double batch = batchTarget;
        double b1 = batchTarget;
        if (a.decode() > 0 || b.decode() > 0) {
            double tau = batchRelaxS(batchTarget, m, Math.max(1, a.decode()), e);
            double decay = Math.exp(-dt / tau);
            batch = batchTarget + (b0 - batchTarget) * tau / dt * (1 - decay);
            b1 = batchTarget + (b0 - batchTarget) * decay;
        }
        double tpotMean = 1 / stepsPerS(batch, m, e);
        double chunkS = p.mixedStepS(batch) / p.prefillChunkTokens();
        double tpotVar = tpotVariance(batch, m, a.decode(), a.prefill() * chunkS, n, d.arrivalCv());

        // Latency components and SLO attainment.
        LatencyMix ttft = new LatencyMix();
        LatencyMix e2e = new LatencyMix();
        double cv2 = sq(d.cvUncachedInputTokens());
        double sA = a.prefill() * chunkS;
        double sB = b.prefill() * chunkS;
        double decA = a.decode() * tpotMean;
        double decVarA = decodeVariance(d, a.decode(), tpotMean, tpotVar);
        double decB = b.decode() * tpotMean;
        double decVarB = decodeVariance(d, b.decode(), tpotMean, tpotVar);
        double noWait = shedShare < 1 ? servedSteady * (1 - pWait) / (1 - shedShare) : 0;
        double met = component(ttft, e2e, noWait, sA, cv2 * sA * sA, decA, decVarA)
                + component(
                        ttft,
                        e2e,
                        servedSteady - noWait,
                        waitIfWaiting + sA,
                        sq(waitIfWaiting) + cv2 * sA * sA,
                        decA,
                        decVarA)
                + component(ttft, e2e, servedFluid, wait2 + sA, wait2Var + cv2 * sA * sA, decA, decVarA)
                + component(ttft, e2e, served1, wait1 + sB, wait1Var + cv2 * sB * sB, decB, decVarB);
        double shortShare = shortOutputShare(d);
        met *= shortShare + (1 - shortShare) * GammaDist.cdf(p.tpotTargetS(), tpotMean, tpotVar);
        double servedA = servedSteady + servedFluid;
        double served = servedA + served1;
        LatencyMix tpot = new LatencyMix().add(served, tpotMean, tpotVar);
        double counted = served + shed;
        ServiceState next = new ServiceState(
                leftB + queueA,
                leftB * b.prefill() + queueA * a.prefill(),
                leftB * b.input() + queueA * a.input(),
                leftB * b.output() + queueA * a.output(),
                n * Math.max(0, Math.min(p.maxBatch(), b1)));
        return new FlowStep(
                n,
                dt,
                arrived,
                served,
                shed,
                next,
                (servedA * a.input() + served1 * b.input()) / dt,
                (servedA * a.output() + served1 * b.output()) / dt,
                muA,
                (servedA * wA + served1 * wB) / (n * dt),
                lambda * wA / n,
                batch,
                met,
                counted > 0 ? met / counted : 1,
                new StepLatency(ttft, tpot, e2e));
    }

    /**
     * A step without replicas: nothing is served and arrivals wait or are shed. Requests that were decoding are
     * dropped from the state: they were counted as served when they started.
     */
    private FlowStep unserved(StepDemand d, ServiceState state, double arrived, Mix a) {
        double waiting = state.queuedRequests() + arrived;
        double shed = overload.sheds() ? waiting : 0;
        double keep = waiting - shed;
        double share = waiting > 0 ? keep / waiting : 0;
        ServiceState next = new ServiceState(
                keep,
                share * (state.queuedPrefillTokens() + arrived * a.prefill()),
                share * (state.queuedInputTokens() + arrived * a.input()),
                share * (state.queuedOutputTokens() + arrived * a.output()),
                0);
        double lambda = d.requestsPerS();
        return new FlowStep(
                0,
                dt,
                arrived,
                0,
                shed,
                next,
                0,
                0,
                0,
                0,
                lambda > 0 ? Double.POSITIVE_INFINITY : 0,
                0,
                0,
                shed > 0 ? 0 : 1,
                StepLatency.empty());
    }

    /**
     * What of two queued groups, older {@code b} and newer {@code a}, stays within {@code workCap} replica-seconds of
     * queued work: the rest has waited longer than the limit and is shed, oldest first.
     */
    private static double[] keepWithinLimit(double b, double wB, double a, double wA, double workCap) {
        double over = b * wB + a * wA - workCap;
        if (!(over > 0)) {
            return new double[] {b, a};
        }
        double fromB = Math.min(b, over / wB);
        double fromA = Math.min(a, (over - fromB * wB) / wA);
        return new double[] {b - fromB, a - fromA};
    }

    /** Adds one group of served requests to the TTFT and end-to-end mixtures; returns how many met the TTFT target. */
    private double component(
            LatencyMix ttft, LatencyMix e2e, double w, double mean, double var, double decodeMean, double decodeVar) {
        if (w <= 0) {
            return 0;
        }
        ttft.add(w, mean, var);
        e2e.add(w, mean + decodeMean, var + decodeVar);
        return w * GammaDist.cdf(p.ttftTargetS(), mean, var);
    }

    /** Decode steps per second a sequence gets at mean batch {@code b} with a share {@code m} of mixed steps. */
    private double stepsPerS(double b, double m, double e) {
        return m / p.mixedStepS(b + e) + (1 - m) / p.decodeStepS(b + e);
    }

    /** Time constant of the decode batch: 1 / d(completions per second)/d(batch) at the target batch. */
    private double batchRelaxS(double b, double m, double y, double e) {
        double h = Math.max(1e-3, 1e-3 * b);
        double slope = ((b + h) * stepsPerS(b + h, m, e) - b * stepsPerS(b, m, e)) / (h * y);
        return slope > 0 ? 1 / slope : dt * 1e6;
    }

    /**
     * Variance of a request's mean time per output token. The batch size varies with variance {@code b / (1 - rho)}
     * (negative binomial, {@code rho = b / (b + t0 / t1 + e)}) for Poisson arrivals, times {@code (1 + ca^2) / 2} for
     * burstier ones, shrunk by {@code sqrt(n)} on a pool of {@code n} that balances its replicas, and {@link
     * #BATCH_MEMORY} of it lasts a request's life; and a share {@code m} of the
     * steps carry a prefill chunk, which a request averages over its decode steps in runs as long as one prefill.
     */
    private double tpotVariance(double b, double m, double y, double prefillS, int n, double arrivalCv) {
        double e = ReplicaLoad.seenOffset(n);
        double seen = b + e;
        double slope = p.decodeStepS(seen + 1) - p.decodeStepS(seen);
        double rho = b / (b + p.stepBaseS() / p.stepPerSequenceS() + e);
        double batchVar = sq(slope) * b / (1 - rho) * e * BATCH_MEMORY * (1 + sq(arrivalCv)) / 2;
        double runSteps = Math.max(1, prefillS / p.mixedStepS(b));
        double mixVar =
                sq(p.mixedStepS(seen) - p.decodeStepS(seen)) * m * (1 - m) * Math.min(1, runSteps / Math.max(1, y));
        return batchVar + mixVar;
    }

    /** Variance of the decode time {@code (out - 1) * TPOT} with independent output length and TPOT. */
    private static double decodeVariance(StepDemand d, double y, double tpotMean, double tpotVar) {
        double sdOut = d.cvOutputTokens() * d.meanOutputTokens();
        double second = (y * y + sdOut * sdOut) * (tpotMean * tpotMean + tpotVar);
        return Math.max(0, second - sq(y * tpotMean));
    }

    /** Share of requests with fewer than two output tokens, which have no TPOT to miss. */
    private static double shortOutputShare(StepDemand d) {
        double mean = d.meanOutputTokens();
        return mean <= 0 ? 1 : GammaDist.cdf(1.5, mean, sq(d.cvOutputTokens() * mean));
    }

    static double sq(double v) {
        return v * v;
    }
}
