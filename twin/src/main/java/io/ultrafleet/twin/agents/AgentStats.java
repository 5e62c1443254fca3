package io.ultrafleet.twin.agents;

import io.ultrafleet.twin.scenario.AgentsSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the agent sessions and RL rollouts did over the run, in total and per kind of session. */
public final class AgentStats {
    private final Map<String, KindTotals> byKind = new LinkedHashMap<>();
    private double peakLive;
    private double peakWaiting;
    private double rolloutVcpuMs;
    private double rolloutPeak;
    private double rolloutNow;

    /** Totals of one kind. Counts are fluid: fractions of sessions are allowed. */
    public static final class KindTotals {
        double arrived;
        double admitted;
        double abandoned;
        double liveMs;
        double vcpuMs;
        double busyVcpuMs;
        double waitingMs;
        double llmCalls;
        double toolCalls;
        double inputTokens;
        double outputTokens;

        public double arrived() {
            return arrived;
        }

        public double admitted() {
            return admitted;
        }

        /** Sessions that gave up waiting for a sandbox. */
        public double abandoned() {
            return abandoned;
        }

        public double vcpuHours() {
            return vcpuMs / 3_600_000.0;
        }

        public double busyVcpuHours() {
            return busyVcpuMs / 3_600_000.0;
        }

        public double waitingSessionHours() {
            return waitingMs / 3_600_000.0;
        }

        public double llmCalls() {
            return llmCalls;
        }

        public double toolCalls() {
            return toolCalls;
        }

        public double inputTokens() {
            return inputTokens;
        }

        public double outputTokens() {
            return outputTokens;
        }

        /** Mean wait for a sandbox per session that left the queue (admitted or gave up), hours: Little's law. */
        public double admissionWaitHoursMean() {
            return admitted + abandoned > 0 ? waitingSessionHours() / (admitted + abandoned) : 0;
        }
    }

    void kind(
            AgentsSpec.SessionSpec s,
            double arrived,
            double admitted,
            double abandoned,
            double liveMean,
            double waitingMean,
            long ms) {
        KindTotals t = byKind.computeIfAbsent(s.name(), k -> new KindTotals());
        t.arrived += arrived;
        t.admitted += admitted;
        t.abandoned += abandoned;
        t.liveMs += liveMean * ms;
        t.vcpuMs += liveMean * s.vcpus() * ms;
        t.busyVcpuMs += liveMean * s.vcpus() * s.cpuBusyFraction() * ms;
        t.waitingMs += waitingMean * ms;
        double sessionsEnded = liveMean * ms / s.meanDurationMs();
        t.llmCalls += sessionsEnded * s.llmCallsPerSession();
        t.toolCalls += sessionsEnded * s.toolCallsPerSession();
        t.inputTokens += sessionsEnded * s.llmCallsPerSession() * s.inputTokensPerCall();
        t.outputTokens += sessionsEnded * s.llmCallsPerSession() * s.outputTokensPerCall();
    }

    void levels(double live, double waiting) {
        peakLive = Math.max(peakLive, live);
        peakWaiting = Math.max(peakWaiting, waiting);
        rolloutPeak = Math.max(rolloutPeak, rolloutNow);
        rolloutNow = 0;
    }

    void rollouts(double vcpus, long ms) {
        rolloutVcpuMs += vcpus * ms;
        rolloutNow += vcpus;
    }

    public Map<String, KindTotals> byKind() {
        return byKind;
    }

    public double peakSandboxes() {
        return peakLive;
    }

    public double peakWaiting() {
        return peakWaiting;
    }

    public double rolloutVcpuHours() {
        return rolloutVcpuMs / 3_600_000.0;
    }

    public double rolloutPeakVcpus() {
        return rolloutPeak;
    }
}
