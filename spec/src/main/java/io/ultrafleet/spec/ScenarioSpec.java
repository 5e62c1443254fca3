package io.ultrafleet.spec;

import io.ultrafleet.time.Epoch;
import java.util.List;

/**
 * The sections of a scenario every user of one needs, validated by {@link ScenarioReader}: names it refers to exist,
 * counts are in range and dates are in order. Dates are absolute milliseconds (UTC), durations milliseconds.
 *
 * @param name scenario name, as in {@code name:}
 * @param description free text
 * @param epoch the scenario's start: time 0 of a run, and of a server started from it
 * @param endMs the horizon, absolute: a run stops here (exclusive)
 * @param seed default seed of the random streams
 */
public record ScenarioSpec(
        String name,
        String description,
        Epoch epoch,
        long endMs,
        long seed,
        List<PriorityClassSpec> priorityClasses,
        FleetSpec fleet,
        List<TenantSpec> tenants,
        TrainingSpec training,
        SchedulerSpec scheduler,
        OutputSpec outputs) {

    public ScenarioSpec {
        priorityClasses = List.copyOf(priorityClasses);
        tenants = List.copyOf(tenants);
    }

    /** The start, absolute. */
    public long startMs() {
        return epoch.startMs();
    }

    /** The horizon in the scheduler's time: how long a run lasts. */
    public long horizonMs() {
        return epoch.toTime(endMs);
    }

    /** The priority classes' names, in the order declared (a class's index in the concentration cap). */
    public List<String> priorityClassNames() {
        return priorityClasses.stream().map(PriorityClassSpec::name).toList();
    }

    /**
     * Each declared queue's priority class, as an index into {@link #priorityClassNames()}, queues numbered in the
     * order the tenants and their queues are declared (the queue indices of a run).
     */
    public int[] classOfQueues() {
        List<String> names = priorityClassNames();
        return tenants.stream()
                .flatMap(t -> t.queues().stream())
                .mapToInt(q -> names.indexOf(q.priorityClass()))
                .toArray();
    }

    /** The same scenario with another seed and horizon, as {@code --seed} and {@code --until} ask. */
    public ScenarioSpec with(long newSeed, long newEndMs) {
        return new ScenarioSpec(
                name,
                description,
                epoch,
                newEndMs,
                newSeed,
                priorityClasses,
                fleet,
                tenants,
                training,
                scheduler,
                outputs);
    }
}
