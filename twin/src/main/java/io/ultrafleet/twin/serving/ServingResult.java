package io.ultrafleet.twin.serving;

import io.ultrafleet.twin.agents.AgentStats;
import java.util.List;

/**
 * What the inference services and agent sessions of a run did.
 *
 * @param services per service, in scenario order; empty when the scenario has none
 * @param hasAgents whether the scenario has agent sessions or rollouts
 * @param agents the agent totals (zero when {@code hasAgents} is false)
 */
public record ServingResult(List<ServiceStats> services, boolean hasAgents, AgentStats agents) {
    public ServingResult {
        services = List.copyOf(services);
    }

    /** Prompt and output tokens served by all services. */
    public double tokensServed() {
        double tokens = 0;
        for (ServiceStats s : services) {
            tokens += s.inputTokens() + s.outputTokens();
        }
        return tokens;
    }

    /** The result of {@code fleet}'s run. */
    public static ServingResult of(InferenceFleet fleet) {
        return new ServingResult(
                fleet.serviceStats(), fleet.hasAgents(), fleet.agents().stats());
    }
}
