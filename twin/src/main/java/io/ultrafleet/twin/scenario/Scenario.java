package io.ultrafleet.twin.scenario;

import java.util.List;

/**
 * A validated scenario: everything the twin needs to run, with every time as epoch milliseconds (UTC) and every
 * duration in milliseconds. Built only by {@link ScenarioLoader}, so a {@code Scenario} is always consistent: names
 * it refers to exist, counts are in range and dates are in order.
 *
 * @param name scenario name, as in {@code name:}
 * @param description free text
 * @param startMs the scenario epoch: simulated time 0
 * @param endMs the horizon: simulation stops here (exclusive)
 * @param seed default seed of the random streams
 * @param costs contracts and overflow capacity ({@link CostSpec#NONE} when the scenario prices nothing)
 * @param energy power, PUE, carbon and electricity prices
 */
public record Scenario(
        String name,
        String description,
        long startMs,
        long endMs,
        long seed,
        List<PriorityClassSpec> priorityClasses,
        FleetSpec fleet,
        List<TenantSpec> tenants,
        TrainingSpec training,
        SchedulerSpec scheduler,
        ReliabilitySpec reliability,
        InferenceSpec inference,
        AgentsSpec agents,
        OutputSpec outputs,
        CostSpec costs,
        EnergySpec energy) {

    public Scenario {
        priorityClasses = List.copyOf(priorityClasses);
        tenants = List.copyOf(tenants);
    }

    /** The same scenario with another seed and horizon, as {@code --seed} and {@code --until} ask. */
    public Scenario with(long newSeed, long newEndMs) {
        return new Scenario(
                name,
                description,
                startMs,
                newEndMs,
                newSeed,
                priorityClasses,
                fleet,
                tenants,
                training,
                scheduler,
                reliability,
                inference,
                agents,
                outputs,
                costs,
                energy);
    }
}
