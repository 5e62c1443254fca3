package io.ultrafleet.twin.agents;

import io.ultrafleet.twin.inference.StepDemand;
import io.ultrafleet.twin.scenario.AgentsSpec;
import io.ultrafleet.twin.serving.LoadCurve;
import java.util.List;

/**
 * Agent sessions on the CPU pools as a flow: per kind, the sessions holding a sandbox and those waiting for one,
 * updated once per step. Lifetimes are exponential with the kind's mean, so a step of {@code dt} ends a share {@code 1
 * - exp(-dt / mean)} of the live sessions. Arrivals are admitted while the pool has vCPUs and memory left after the
 * rollout sandboxes of running RL jobs and the kinds listed before; the rest wait, first come first served, and give
 * up after an exponential patience (a share {@code 1 - exp(-dt / patience)} of those waiting per step). The mean
 * admission wait follows from Little's law (waiting session-time over sessions that left the queue). A session's LLM
 * calls are spread evenly over its life and add to its service's demand. Rollouts are never refused: when they hold
 * more than the pool has, no session is admitted there.
 */
public final class AgentFlows {
    private final List<Kind> kinds;
    private final int pools;
    private final AgentStats stats = new AgentStats();

    /** One kind of session while the twin runs. */
    static final class Kind {
        final AgentsSpec.SessionSpec spec;
        final int pool;
        final LoadCurve arrivals;
        double live;
        double waiting;

        Kind(AgentsSpec.SessionSpec spec, int pool, LoadCurve arrivals) {
            this.spec = spec;
            this.pool = pool;
            this.arrivals = arrivals;
        }
    }

    AgentFlows(List<Kind> kinds, int pools) {
        this.kinds = List.copyOf(kinds);
        this.pools = pools;
    }

    /** The flows of {@code kinds} (with their pool indices and arrival curves) on {@code pools} CPU pools. */
    public static AgentFlows of(List<AgentsSpec.SessionSpec> specs, int[] poolOf, List<LoadCurve> curves, int pools) {
        java.util.ArrayList<Kind> kinds = new java.util.ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            kinds.add(new Kind(specs.get(i), poolOf[i], curves.get(i)));
        }
        return new AgentFlows(kinds, pools);
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /**
     * Advances the step {@code [now - stepMs, now)}: {@code poolVcpus} and {@code poolMemoryMib} are each pool's
     * capacity, {@code rolloutVcpus} what RL rollouts hold on it.
     */
    public void step(long now, long stepMs, long[] poolVcpus, long[] poolMemoryMib, double[] rolloutVcpus) {
        double dt = stepMs / 1000.0;
        double[] freeVcpus = new double[pools];
        double[] freeMemory = new double[pools];
        for (int p = 0; p < pools; p++) {
            double memPerVcpu = poolVcpus[p] > 0 ? (double) poolMemoryMib[p] / poolVcpus[p] : 0;
            freeVcpus[p] = poolVcpus[p] - rolloutVcpus[p];
            freeMemory[p] = poolMemoryMib[p] - rolloutVcpus[p] * memPerVcpu;
            stats.rollouts(rolloutVcpus[p], stepMs);
        }
        double[] liveBefore = new double[kinds.size()];
        for (int i = 0; i < kinds.size(); i++) {
            Kind k = kinds.get(i);
            liveBefore[i] = k.live;
            k.live -= k.live * -Math.expm1(-stepMs / (double) k.spec.meanDurationMs());
            freeVcpus[k.pool] -= k.live * k.spec.vcpus();
            freeMemory[k.pool] -= k.live * k.spec.memoryMib();
        }
        double liveTotal = 0;
        double waitingTotal = 0;
        for (int i = 0; i < kinds.size(); i++) {
            Kind k = kinds.get(i);
            double arrived = k.arrivals.at(now - stepMs / 2) * dt;
            double room =
                    Math.max(0, Math.min(freeVcpus[k.pool] / k.spec.vcpus(), freeMemory[k.pool] / k.spec.memoryMib()));
            double waitingBefore = k.waiting;
            double admitted = Math.min(k.waiting + arrived, room);
            k.waiting = k.waiting + arrived - admitted;
            double abandoned = k.waiting * -Math.expm1(-stepMs / (double) k.spec.patienceMs());
            k.waiting -= abandoned;
            // Admitted through the step: a share of them ends before it does.
            double x = stepMs / (double) k.spec.meanDurationMs();
            k.live += admitted * (x > 1e-9 ? -Math.expm1(-x) / x : 1);
            freeVcpus[k.pool] -= admitted * k.spec.vcpus();
            freeMemory[k.pool] -= admitted * k.spec.memoryMib();
            double liveMean = (liveBefore[i] + k.live) / 2;
            stats.kind(k.spec, arrived, admitted, abandoned, liveMean, (waitingBefore + k.waiting) / 2, stepMs);
            liveTotal += k.live;
            waitingTotal += k.waiting;
        }
        stats.levels(liveTotal, waitingTotal);
    }

    /** The LLM calls agent sessions make to {@code service} now, as a demand; null when none do. */
    public StepDemand demandFor(String service) {
        double rate = 0;
        double in = 0;
        double out = 0;
        double cachedTokens = 0;
        for (Kind k : kinds) {
            if (service.equals(k.spec.service()) && k.spec.llmCallsPerSession() > 0) {
                double r = k.live * k.spec.llmCallsPerSession() / (k.spec.meanDurationMs() / 1000.0);
                rate += r;
                in += r * k.spec.inputTokensPerCall();
                out += r * k.spec.outputTokensPerCall();
                cachedTokens += r * k.spec.inputTokensPerCall() * k.spec.cachedInputShare();
            }
        }
        if (rate <= 0) {
            return null;
        }
        double cached = in > 0 ? cachedTokens / in : 0;
        return StepDemand.of(rate, in / rate, 1.0, out / rate, 1.0).withPrefixCache(cached, 1.0);
    }

    /** Sessions holding a sandbox now, all kinds. */
    public double live() {
        double n = 0;
        for (Kind k : kinds) {
            n += k.live;
        }
        return n;
    }

    /** vCPUs held by sandboxes now. */
    public double sandboxVcpus() {
        double v = 0;
        for (Kind k : kinds) {
            v += k.live * k.spec.vcpus();
        }
        return v;
    }

    /** Sessions waiting for a sandbox now. */
    public double waiting() {
        double n = 0;
        for (Kind k : kinds) {
            n += k.waiting;
        }
        return n;
    }

    public AgentStats stats() {
        return stats;
    }
}
