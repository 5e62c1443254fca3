package io.ultrafleet.testing;

import io.ultrafleet.workload.CheckpointedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.TopologyLevel;

/** Test jobs: {@code Jobs.job("a").gpus(8).priority(500).submit(10).build()}. */
public final class Jobs {
    private static long nextId;

    private final String name;
    private int gpus = 4;
    private int queue;
    private int priority = 100;
    private long submitMs;
    private long durationMs = 3_600_000L;
    private TopologyLevel required = TopologyLevel.BLOCK;
    private TopologyLevel preferred = TopologyLevel.BLOCK;
    private long modelMask;
    private int minGpus;
    private long estimateMs;
    private long checkpointMs;
    private long restartMs;

    private Jobs(String name) {
        this.name = name;
    }

    public static Jobs job(String name) {
        return new Jobs(name);
    }

    public Jobs gpus(int n) {
        gpus = n;
        return this;
    }

    public Jobs queue(int q) {
        queue = q;
        return this;
    }

    public Jobs priority(int p) {
        priority = p;
        return this;
    }

    public Jobs submit(long ms) {
        submitMs = ms;
        return this;
    }

    public Jobs duration(long ms) {
        durationMs = ms;
        return this;
    }

    public Jobs required(TopologyLevel level) {
        required = level;
        return this;
    }

    public Jobs preferred(TopologyLevel level) {
        preferred = level;
        return this;
    }

    /** Makes the job elastic down to {@code min} GPUs. */
    public Jobs elastic(int min) {
        minGpus = min;
        return this;
    }

    /** Tells the scheduler {@code ms} as its run time; by default, its duration. */
    public Jobs estimate(long ms) {
        estimateMs = ms;
        return this;
    }

    public Jobs checkpointEvery(long ms) {
        checkpointMs = ms;
        return this;
    }

    /** Each restart after a stop takes {@code ms} before the job makes progress again. */
    public Jobs restart(long ms) {
        restartMs = ms;
        return this;
    }

    /** Allows only the given model indices. */
    public Jobs models(int... models) {
        modelMask = 0;
        for (int m : models) {
            modelMask |= 1L << m;
        }
        return this;
    }

    /** The request, with the next id: told its duration, needing and preferring its topology levels. */
    public JobRequest.Builder request() {
        return JobRequest.of(nextId++, name, queue, priority, submitMs, gpus, estimateMs > 0 ? estimateMs : durationMs)
                .topology(required, preferred)
                .models(modelMask)
                .elastic(minGpus > 0 ? minGpus : gpus)
                .checkpointEvery(checkpointMs)
                .recoveryCosts(0, restartMs);
    }

    /** A job whose progress is measured against its duration. */
    public Job build() {
        return Job.of(request().build());
    }

    /** Milliseconds from {@code now} until the running job reaches its declared end at its current size. */
    public static long msToEnd(Job job, long now) {
        return ((CheckpointedProgress) job.progress())
                .msToReach(now, job.request().estimateMs());
    }
}
