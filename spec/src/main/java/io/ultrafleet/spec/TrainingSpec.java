package io.ultrafleet.spec;

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
            List<String> models,
            RecoverySpec recovery) {
        public GeneratorSpec {
            models = List.copyOf(models);
        }
    }

    /**
     * What the scheduler is told and how a job survives being stopped.
     *
     * @param checkpoint how the job chooses its checkpoint interval (fixed, or Young's or Daly's optimum from its MTBF
     *     and checkpoint stall), or null when it never checkpoints (a stop loses all its work)
     * @param estimateFactor the run time the scheduler is told, as a multiple of the true one (backfill trusts it)
     * @param checkpointStallMs how long each checkpoint stalls the job
     * @param restartOverheadMs how long a restart after a stop takes before the job makes progress
     * @param elasticMin the fewest GPUs the job may run on: a count for an explicit job, a fraction of the drawn size
     *     for a generator (rounded up to whole GPUs); 0 when the job is not elastic
     */
    public record RecoverySpec(
            CheckpointPolicy checkpoint,
            double estimateFactor,
            double elasticMin,
            long checkpointStallMs,
            long restartOverheadMs) {
        public static final RecoverySpec DEFAULT = new RecoverySpec(null, 1.0, 0, 0, 0);

        /** A fixed checkpoint interval ({@code 0} for none), no stall or restart cost. */
        public RecoverySpec(long checkpointIntervalMs, double estimateFactor, double elasticMin) {
            this(
                    checkpointIntervalMs > 0 ? new CheckpointPolicy.Fixed(checkpointIntervalMs) : null,
                    estimateFactor,
                    elasticMin,
                    0,
                    0);
        }

        RecoverySpec withElasticMin(double min) {
            return new RecoverySpec(checkpoint, estimateFactor, min, checkpointStallMs, restartOverheadMs);
        }

        /**
         * The checkpoint interval of a job whose MTBF is {@code mtbfMs} (Long.MAX_VALUE without failures): 0 for none;
         * for Young's or Daly's rule at least one minute, and none when there are no failures to guard against.
         */
        public long intervalMs(long mtbfMs) {
            if (checkpoint == null) {
                return 0;
            }
            if (checkpoint instanceof CheckpointPolicy.Fixed f) {
                return f.intervalMillis();
            }
            if (mtbfMs == Long.MAX_VALUE) {
                return 0;
            }
            return Math.max(60_000L, checkpoint.intervalMillis(mtbfMs, Math.max(1, checkpointStallMs)));
        }

        /** The minimum GPUs for a job of {@code gpus} GPUs, or {@code gpus} when it is not elastic. */
        public int minGpusOf(int gpus, boolean fraction) {
            if (elasticMin <= 0) {
                return gpus;
            }
            int min = fraction ? (int) Math.ceil(elasticMin * gpus - 1e-9) : (int) elasticMin;
            return Math.max(1, Math.min(gpus, min));
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
            List<String> models,
            RecoverySpec recovery) {
        public JobSpec {
            models = List.copyOf(models);
        }
    }
}
