package io.ultrafleet.twin.scenario;

import java.util.List;

/**
 * Agentic work on the CPU pools: sessions that each hold a sandbox for their lifetime and call an inference service,
 * and the rollout sandboxes of RL training jobs. Sessions are a flow (counts per step), not one event each.
 *
 * @param sessions kinds of agent sessions
 * @param rollouts sandboxes that running training jobs of a queue hold per GPU
 */
public record AgentsSpec(List<SessionSpec> sessions, List<RolloutSpec> rollouts) {
    public static final AgentsSpec NONE = new AgentsSpec(List.of(), List.of());

    public AgentsSpec {
        sessions = List.copyOf(sessions);
        rollouts = List.copyOf(rollouts);
    }

    /**
     * One kind of session.
     *
     * @param cpuPool the CPU pool its sandboxes run on
     * @param service the inference service its LLM calls go to, or null
     * @param arrivalsPerSecond session arrival curve
     * @param meanDurationMs mean sandbox lifetime
     * @param patienceMs mean time a session waits for a sandbox before it gives up (exponential)
     * @param vcpus vCPUs of one sandbox
     * @param memoryMib memory of one sandbox
     * @param cpuBusyFraction share of the sandbox's vCPU time spent busy
     * @param llmCallsPerSession LLM calls over a session's life
     * @param toolCallsPerSession tool calls over a session's life (counted, run inside the sandbox)
     */
    public record SessionSpec(
            String name,
            String cpuPool,
            String service,
            LoadCurveSpec arrivalsPerSecond,
            long meanDurationMs,
            long patienceMs,
            int vcpus,
            long memoryMib,
            double cpuBusyFraction,
            double llmCallsPerSession,
            double toolCallsPerSession,
            double inputTokensPerCall,
            double outputTokensPerCall,
            double cachedInputShare) {}

    /** Running jobs of {@code queue} hold {@code vcpusPerGpu} rollout vCPUs per GPU they compute on. */
    public record RolloutSpec(String queue, String cpuPool, double vcpusPerGpu) {}
}
