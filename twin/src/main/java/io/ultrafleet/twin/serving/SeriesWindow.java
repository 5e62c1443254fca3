package io.ultrafleet.twin.serving;

import io.ultrafleet.twin.inference.FlowStep;

/** Means over the flow steps of one time-series row: replicas, GPUs, tokens per second, SLO attainment, agents. */
public final class SeriesWindow {
    /** Column names, in the order of {@link #takeMeans()}. */
    public static final String[] COLUMNS = {
        "inference_replicas",
        "inference_gpus",
        "inference_tokens_per_s",
        "inference_slo_attainment",
        "agent_sessions",
        "agent_vcpus",
        "agent_sessions_waiting",
        "rollout_vcpus"
    };

    private double replicas;
    private double gpus;
    private double tokensPerS;
    private double sloMet;
    private double done;
    private double live;
    private double vcpus;
    private double waiting;
    private double rollouts;
    private int steps;
    private int agentSteps;

    void service(int held, long runningGpus, FlowStep s) {
        replicas += held;
        gpus += runningGpus;
        tokensPerS += s.throughputTokensPerS();
        sloMet += s.sloMetRequests();
        done += s.servedRequests() + s.shedRequests();
    }

    void agents(double liveSessions, double sandboxVcpus, double waitingSessions, double rolloutVcpus) {
        live += liveSessions;
        vcpus += sandboxVcpus;
        waiting += waitingSessions;
        rollouts += rolloutVcpus;
        agentSteps++;
    }

    void stepDone() {
        steps++;
    }

    double[] takeMeans() {
        double n = Math.max(1, steps);
        double a = Math.max(1, agentSteps);
        double[] out = {
            replicas / n,
            gpus / n,
            tokensPerS / n,
            done > 0 ? sloMet / done : (steps > 0 ? 1 : 0),
            live / a,
            vcpus / a,
            waiting / a,
            rollouts / a
        };
        replicas = gpus = tokensPerS = sloMet = done = live = vcpus = waiting = rollouts = 0;
        steps = agentSteps = 0;
        return out;
    }
}
