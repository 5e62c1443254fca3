package io.ultrafleet.twin.scenario;

import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.OutputSpec;
import io.ultrafleet.spec.PriorityClassSpec;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.time.Epoch;
import java.util.List;

/**
 * A validated scenario as the twin runs it: the sections every user of a scenario reads ({@link ScenarioSpec}), and
 * the twin's own (failures, inference, agents, contracts and overflow, energy). Built only by {@link ScenarioLoader},
 * so a {@code Scenario} is always consistent.
 *
 * @param costs contracts and overflow capacity ({@link CostSpec#NONE} when the scenario prices nothing)
 * @param energy power, PUE, carbon and electricity prices
 */
public record Scenario(
        ScenarioSpec spec,
        ReliabilitySpec reliability,
        InferenceSpec inference,
        AgentsSpec agents,
        CostSpec costs,
        EnergySpec energy) {

    /** The same scenario with another seed and horizon, as {@code --seed} and {@code --until} ask. */
    public Scenario with(long newSeed, long newEndMs) {
        return new Scenario(spec.with(newSeed, newEndMs), reliability, inference, agents, costs, energy);
    }

    public String name() {
        return spec.name();
    }

    public String description() {
        return spec.description();
    }

    /** The scenario's start: time 0 of a run. */
    public Epoch epoch() {
        return spec.epoch();
    }

    /** The start, absolute (ms since 1970, UTC). */
    public long startMs() {
        return spec.startMs();
    }

    /** The horizon, absolute (exclusive). */
    public long endMs() {
        return spec.endMs();
    }

    /** How long a run lasts: the horizon in the run's time. */
    public long horizonMs() {
        return spec.horizonMs();
    }

    public long seed() {
        return spec.seed();
    }

    public List<PriorityClassSpec> priorityClasses() {
        return spec.priorityClasses();
    }

    public FleetSpec fleet() {
        return spec.fleet();
    }

    public List<TenantSpec> tenants() {
        return spec.tenants();
    }

    public TrainingSpec training() {
        return spec.training();
    }

    public SchedulerSpec scheduler() {
        return spec.scheduler();
    }

    public OutputSpec outputs() {
        return spec.outputs();
    }
}
