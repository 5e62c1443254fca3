package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.math.Saturating;
import io.ultrafleet.workload.Job;

/**
 * Weighs what a preemption destroys against what it frees, as an operator would before stopping a large training run
 * for a small job. A victim costs its work since its last checkpoint, plus its restart overhead and a requeue delay
 * for every GPU it holds (all its racks sit idle or change hands while it restarts and waits to be placed again). The
 * waiting job gains its GPUs for the gain window (or its expected run, if shorter). Victims costing more than {@link
 * PreemptionTerms#maxCostRatio} times the gain are not stopped.
 */
public final class CostBenefit implements PreemptionPolicy {
    public static final String NAME = "cost-benefit";

    private final PreemptionTerms terms;

    public CostBenefit(PreemptionTerms terms) {
        this.terms = terms;
    }

    public PreemptionTerms terms() {
        return terms;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long standingCost(Job victim) {
        long perGpu = victim.request().restartOverheadMs() + terms.requeueDelayMs();
        return Saturating.multiply(perGpu, victim.allocatedGpus());
    }

    @Override
    public boolean allows(Job job, long costGpuMs, long now) {
        return costGpuMs <= terms.maxCostRatio() * gain(job, now);
    }

    /** GPU-milliseconds {@code job} gains from starting at {@code now}: its GPUs over the window or its expected run. */
    @Override
    public double gain(Job job, long now) {
        long run = Math.max(1, job.expectedEndIfStartedAt(now) - now);
        return (double) job.gpus() * Math.min(run, terms.gainWindowMs());
    }
}
