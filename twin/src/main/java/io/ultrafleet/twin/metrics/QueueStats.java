package io.ultrafleet.twin.metrics;

/** Per-queue job counts, waits and GPU time. */
public final class QueueStats {
    private final String name;
    private final String priorityClass;
    private final int priority;
    private long submitted;
    private long started;
    private long completed;
    private long preempted;
    private long busyLevel;
    private long allocatedLevel;
    private long busyGpuMs;
    private long allocatedGpuMs;
    private final LongSamples waitsMs = new LongSamples();

    /** A queue of no named priority class, at priority 0. */
    public QueueStats(String name) {
        this(name, "", 0);
    }

    /** A queue of the priority class {@code priorityClass}, of value {@code priority}. */
    public QueueStats(String name, String priorityClass, int priority) {
        this.name = name;
        this.priorityClass = priorityClass;
        this.priority = priority;
    }

    public String priorityClass() {
        return priorityClass;
    }

    public int priority() {
        return priority;
    }

    public void submitted() {
        submitted++;
    }

    /** A job of this queue started for the first time after waiting {@code waitMs} since submission. */
    public void started(long waitMs) {
        started++;
        waitsMs.add(waitMs);
    }

    /** A job of this queue was stopped for one of higher priority. */
    public void preempted() {
        preempted++;
    }

    public long preemptedCount() {
        return preempted;
    }

    /** The queue's running jobs now hold {@code allocatedDelta} more GPUs and compute on {@code busyDelta} more. */
    public void adjust(long busyDelta, long allocatedDelta) {
        busyLevel += busyDelta;
        allocatedLevel += allocatedDelta;
    }

    /** GPUs the queue's running jobs compute on now. */
    public long busyGpus() {
        return busyLevel;
    }

    /** Adds the GPU time of the current levels over {@code dt} ms. */
    public void advance(long dt) {
        busyGpuMs += busyLevel * dt;
        allocatedGpuMs += allocatedLevel * dt;
    }

    /** A job of this queue ran to completion. */
    public void completed() {
        completed++;
    }

    public String name() {
        return name;
    }

    public long submittedCount() {
        return submitted;
    }

    public long startedCount() {
        return started;
    }

    public long completedCount() {
        return completed;
    }

    public long busyGpuMs() {
        return busyGpuMs;
    }

    public long allocatedGpuMs() {
        return allocatedGpuMs;
    }

    public LongSamples waitsMs() {
        return waitsMs;
    }
}
