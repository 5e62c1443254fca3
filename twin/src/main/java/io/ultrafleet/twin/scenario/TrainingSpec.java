package io.ultrafleet.twin.scenario;

import java.util.List;

/** Training work: generators that draw jobs from distributions, and jobs given one by one. */
public record TrainingSpec(List<GeneratorSpec> generators, List<JobSpec> jobs) {
    public TrainingSpec {
        generators = List.copyOf(generators);
        jobs = List.copyOf(jobs);
    }

    /**
     * Draws jobs: arrivals from {@code arrivals}, size from {@code gpus} (rounded to a whole GPU count, at least 1)
     * and run time at full size from {@code duration} (milliseconds).
     *
     * @param queue {@code tenant/queue}
     * @param models hardware models the jobs may run on; empty means any
     */
    public record GeneratorSpec(
            String name,
            String queue,
            ArrivalSpec arrivals,
            DistributionSpec gpus,
            DistributionSpec duration,
            TopologySpec topology,
            List<String> models) {
        public GeneratorSpec {
            models = List.copyOf(models);
        }
    }

    /** One job given explicitly. */
    public record JobSpec(
            String name,
            String queue,
            long submitMs,
            int gpus,
            long durationMs,
            TopologySpec topology,
            List<String> models) {
        public JobSpec {
            models = List.copyOf(models);
        }
    }
}
