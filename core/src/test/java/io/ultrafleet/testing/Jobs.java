package io.ultrafleet.testing;

import io.ultrafleet.workload.Job;
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

    /** Allows only the given model indices. */
    public Jobs models(int... models) {
        modelMask = 0;
        for (int m : models) {
            modelMask |= 1L << m;
        }
        return this;
    }

    public Job build() {
        return new Job(nextId++, name, queue, priority, submitMs, gpus, durationMs, required, preferred, modelMask);
    }
}
