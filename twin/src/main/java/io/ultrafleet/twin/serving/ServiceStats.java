package io.ultrafleet.twin.serving;

import io.ultrafleet.twin.inference.FlowStep;

/**
 * What one service did over the run, step by step: requests and tokens served, requests shed, SLO attainment,
 * replica counts and GPU time, and latency percentiles averaged over steps by the requests each step served.
 */
public final class ServiceStats {
    private final String name;
    private final String queue;
    private double arrived;
    private double served;
    private double shed;
    private double sloMet;
    private double inputTokens;
    private double outputTokens;
    private double gpuMs;
    private long steps;
    private long replicaSteps;
    private int replicasMax;
    private double e2eP50Weighted;
    private double e2eP99Weighted;
    private double ttftP99Weighted;
    private static final long LATENCY_EVERY_MS = 6 * 3_600_000L;
    private long latencySamples;
    private double sinceLatency;
    private double latencyWeight;
    private double utilisationMs;
    private long totalMs;

    ServiceStats(String name, String queue) {
        this.name = name;
        this.queue = queue;
    }

    /** The queue (tenant/queue) its replicas are submitted to. */
    public String queue() {
        return queue;
    }

    void step(FlowStep s, long stepMs, long runningGpus, int heldReplicas) {
        double dt = stepMs / 1000.0;
        arrived += s.arrivedRequests();
        served += s.servedRequests();
        shed += s.shedRequests();
        sloMet += s.sloMetRequests();
        inputTokens += s.inputTokensPerS() * dt;
        outputTokens += s.outputTokensPerS() * dt;
        gpuMs += (double) runningGpus * stepMs;
        replicaSteps += heldReplicas;
        replicasMax = Math.max(replicasMax, heldReplicas);
        sinceLatency += s.servedRequests();
        if (s.servedRequests() > 0 && (stepMs * steps) / LATENCY_EVERY_MS > latencySamples) {
            // Percentiles cost a root search each: taken every six hours, weighted by the requests since the last.
            latencySamples++;
            e2eP50Weighted += s.e2eP50S() * sinceLatency;
            e2eP99Weighted += s.e2eP99S() * sinceLatency;
            ttftP99Weighted += s.ttftP99S() * sinceLatency;
            latencyWeight += sinceLatency;
            sinceLatency = 0;
        }
        steps++;
        utilisationMs += s.utilisation() * stepMs;
        totalMs += stepMs;
    }

    public String name() {
        return name;
    }

    public double requestsArrived() {
        return arrived;
    }

    public double requestsServed() {
        return served;
    }

    public double requestsShed() {
        return shed;
    }

    /** Requests that met the SLO over those served or shed; 1 when there were none. */
    public double sloAttainment() {
        double done = served + shed;
        return done > 0 ? sloMet / done : 1;
    }

    public double sloMetRequests() {
        return sloMet;
    }

    public double inputTokens() {
        return inputTokens;
    }

    public double outputTokens() {
        return outputTokens;
    }

    public double gpuHours() {
        return gpuMs / 3_600_000.0;
    }

    public int replicasMax() {
        return replicasMax;
    }

    public double replicasMean() {
        return steps > 0 ? (double) replicaSteps / steps : 0;
    }

    public double utilisationMean() {
        return totalMs > 0 ? utilisationMs / totalMs : 0;
    }

    /** Step medians of end-to-end latency, taken every six hours, averaged by requests served. */
    public double e2eP50S() {
        return latencyWeight > 0 ? e2eP50Weighted / latencyWeight : 0;
    }

    public double e2eP99S() {
        return latencyWeight > 0 ? e2eP99Weighted / latencyWeight : 0;
    }

    public double ttftP99S() {
        return latencyWeight > 0 ? ttftP99Weighted / latencyWeight : 0;
    }
}
