package io.ultrafleet.workload;

/**
 * What was asked for: a gang of {@code gpus} accelerators, all or nothing, that the scheduler is told will run for
 * {@code estimateMs} once placed (a user's time limit or a predictor's figure). A value: what changes after submission
 * (only the priority, when its queue's class changes while it waits) comes as a new request.
 *
 * @param id unique, increasing with submission order
 * @param queue index of the job's queue
 * @param minGpus the fewest GPUs it runs on: its full size unless it is elastic
 * @param estimateMs the run time the scheduler is told; backfill trusts it
 * @param required the topology level all of a gang must share (block, site, or any)
 * @param preferred the level it would rather share, never wider than {@code required}
 * @param modelMask bit m set when hardware model m is allowed; 0 allows every model
 * @param checkpointIntervalMs how often it checkpoints while it runs; 0 for never
 * @param checkpointStallMs how long each checkpoint stalls it
 * @param restartOverheadMs how long a restart after a stop takes before it makes progress again
 */
public record JobRequest(
        long id,
        String name,
        int queue,
        int priority,
        long submitMs,
        int gpus,
        int minGpus,
        long estimateMs,
        TopologyLevel required,
        TopologyLevel preferred,
        long modelMask,
        long checkpointIntervalMs,
        long checkpointStallMs,
        long restartOverheadMs) {

    public JobRequest {
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be >= 1: " + gpus);
        }
        if (minGpus < 1 || minGpus > gpus) {
            throw new IllegalArgumentException("elastic minimum must be in 1.." + gpus + ": " + minGpus);
        }
        if (estimateMs <= 0) {
            throw new IllegalArgumentException("estimate must be > 0: " + estimateMs);
        }
        if (checkpointIntervalMs < 0 || checkpointStallMs < 0 || restartOverheadMs < 0) {
            throw new IllegalArgumentException("checkpoint and restart times must be >= 0");
        }
        preferred = preferred.compareTo(required) <= 0 ? preferred : required;
    }

    /**
     * A request of {@code gpus} GPUs told to run for {@code estimateMs}, needing one block and preferring it, on any
     * model, not elastic, never checkpointing; the builder changes what differs.
     */
    public static Builder of(long id, String name, int queue, int priority, long submitMs, int gpus, long estimateMs) {
        return new Builder(id, name, queue, priority, submitMs, gpus, estimateMs);
    }

    /** This request at {@code newPriority}. */
    public JobRequest withPriority(int newPriority) {
        return new JobRequest(
                id,
                name,
                queue,
                newPriority,
                submitMs,
                gpus,
                minGpus,
                estimateMs,
                required,
                preferred,
                modelMask,
                checkpointIntervalMs,
                checkpointStallMs,
                restartOverheadMs);
    }

    /** Whether it may run on fewer GPUs than it asked for. */
    public boolean isElastic() {
        return minGpus < gpus;
    }

    public boolean allowsModel(int model) {
        return modelMask == 0 || (modelMask & (1L << model)) != 0;
    }

    /** Share of running time spent computing rather than writing checkpoints. */
    public double efficiency() {
        return checkpointIntervalMs > 0 && checkpointStallMs > 0
                ? checkpointIntervalMs / (double) (checkpointIntervalMs + checkpointStallMs)
                : 1.0;
    }

    /** Builds a {@link JobRequest}. */
    public static final class Builder {
        private final long id;
        private final String name;
        private final int queue;
        private final int priority;
        private final long submitMs;
        private final int gpus;
        private final long estimateMs;
        private int minGpus;
        private TopologyLevel required = TopologyLevel.BLOCK;
        private TopologyLevel preferred = TopologyLevel.BLOCK;
        private long modelMask;
        private long checkpointIntervalMs;
        private long checkpointStallMs;
        private long restartOverheadMs;

        private Builder(long id, String name, int queue, int priority, long submitMs, int gpus, long estimateMs) {
            this.id = id;
            this.name = name;
            this.queue = queue;
            this.priority = priority;
            this.submitMs = submitMs;
            this.gpus = gpus;
            this.estimateMs = estimateMs;
            this.minGpus = gpus;
        }

        public Builder topology(TopologyLevel required, TopologyLevel preferred) {
            this.required = required;
            this.preferred = preferred;
            return this;
        }

        /** Bit m set when hardware model m is allowed; 0 allows every model. */
        public Builder models(long modelMask) {
            this.modelMask = modelMask;
            return this;
        }

        /**
         * Makes the job elastic: it may start, or be shrunk to, as few as {@code min} GPUs, and grows back towards its
         * full size when capacity frees up. Its work is counted at full size, so at half size it runs half as fast.
         */
        public Builder elastic(int min) {
            this.minGpus = min;
            return this;
        }

        /** Checkpoints every {@code intervalMs} (0: never). */
        public Builder checkpointEvery(long intervalMs) {
            this.checkpointIntervalMs = intervalMs;
            return this;
        }

        /**
         * What recovery costs: each checkpoint stalls the job {@code stallMs}, and each restart after a stop (a
         * failure or a preemption) takes {@code restartMs} before the job makes progress again.
         */
        public Builder recoveryCosts(long stallMs, long restartMs) {
            this.checkpointStallMs = stallMs;
            this.restartOverheadMs = restartMs;
            return this;
        }

        public JobRequest build() {
            return new JobRequest(
                    id,
                    name,
                    queue,
                    priority,
                    submitMs,
                    gpus,
                    minGpus,
                    estimateMs,
                    required,
                    preferred,
                    modelMask,
                    checkpointIntervalMs,
                    checkpointStallMs,
                    restartOverheadMs);
        }
    }
}
