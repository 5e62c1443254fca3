package io.ultrafleet.twin.inference;

/**
 * The flow model of one inference service: how its ready replicas serve a step's demand, without one object per
 * request. The twin calls {@link #step} once per service per step, passing the {@link ServiceState} the previous call
 * returned ({@link ServiceState#IDLE} at the start); the autoscaler asks {@link #replicasForUtilisation} or {@link
 * #replicasForSlo}. Each call costs O(1) in the number of replicas and requests (Erlang C is exact up to {@value
 * Queueing#EXACT_SERVERS} replicas, then asymptotic).
 *
 * <p>Per replica, a mean-value analysis of continuous batching with chunked prefill gives the decode batch, the time
 * per output token and the prefill time ({@link ReplicaLoad}); requests wait for a replica in an M/G/c queue with one
 * server per replica (Allen-Cunneen). The pool's backlog and decode batch move towards their steady state over the
 * step (pointwise-stationary fluid approximation), or grow and drain as a fluid at capacity when arrivals exceed it.
 * Latencies are gamma mixtures fitted to means and variances. Formulas and sources: {@code docs/inference.md}.
 */
public final class FlowModel {
    private final ServiceProfile profile;
    private final long stepMs;
    private final StepSolver solver;

    /**
     * @param profile how one replica serves
     * @param stepMs step length, milliseconds
     * @param overload queue the requests the pool cannot start, or shed them after a wait
     */
    public FlowModel(ServiceProfile profile, long stepMs, Overload overload) {
        if (stepMs < 1) {
            throw new IllegalArgumentException("stepMs: allowed an integer >= 1");
        }
        this.profile = profile;
        this.stepMs = stepMs;
        this.solver = new StepSolver(profile, stepMs, overload);
    }

    public ServiceProfile profile() {
        return profile;
    }

    public long stepMs() {
        return stepMs;
    }

    /**
     * Serves one step.
     *
     * @param demand the step's arrivals and their shape
     * @param replicas replicas ready to serve during the step (0 or more)
     * @param state the pool at the start of the step: the previous step's {@link FlowStep#state()}
     */
    public FlowStep step(StepDemand demand, int replicas, ServiceState state) {
        return solver.solve(demand, replicas, state);
    }

    /** The state the pool settles at under a constant {@code demand}: a warm start, and the autoscaler's view. */
    public ServiceState steadyState(StepDemand demand, int replicas) {
        return solver.steady(demand, replicas);
    }

    /** The most requests per second {@code replicas} replicas serve with this demand's token mix. */
    public double capacityRequestsPerS(StepDemand demand, int replicas) {
        return Math.max(0, replicas)
                * ReplicaLoad.maxRequestsPerS(profile, demand.prefillTokens(), demand.decodeTokens());
    }

    /**
     * The fewest replicas that serve {@code demand} at a utilisation (arrival rate over capacity) of at most {@code
     * target}, 0 < target <= 1.
     */
    public int replicasForUtilisation(StepDemand demand, double target) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("target utilisation: allowed a number > 0 and <= 1");
        }
        double perReplica = capacityRequestsPerS(demand, 1);
        double need = Math.ceil(demand.requestsPerS() / (target * perReplica) - 1e-9);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, need));
    }

    /**
     * The fewest replicas, at most {@code maxReplicas}, whose SLO attainment in steady state at {@code demand} is at
     * least {@code target}; {@code maxReplicas} if none reaches it. A binary search: O(log maxReplicas) steps.
     */
    public int replicasForSlo(StepDemand demand, double target, int maxReplicas) {
        if (!(target >= 0 && target <= 1) || maxReplicas < 1) {
            throw new IllegalArgumentException("target attainment: allowed a number 0..1, with maxReplicas >= 1");
        }
        if (demand.requestsPerS() == 0) {
            return 1;
        }
        int lo = Math.max(1, Math.min(maxReplicas, replicasForUtilisation(demand, StepSolver.SATURATED) + 1));
        int hi = maxReplicas;
        if (lo >= hi || steadyAttainment(demand, hi) < target) {
            return hi;
        }
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (steadyAttainment(demand, mid) >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private double steadyAttainment(StepDemand demand, int replicas) {
        return step(demand, replicas, steadyState(demand, replicas)).sloAttainment();
    }
}
