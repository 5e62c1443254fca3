package io.ultrafleet.twin.metrics;

/** Per-queue job counts, waits and GPU time. */
public final class QueueStats {
    private final String name;
    private long submitted;
    private long started;
    private long completed;
    private long preempted;
    private long busyGpuMs;
    private long allocatedGpuMs;
    private final LongSamples waitsMs = new LongSamples();

    public QueueStats(String name) {
        this.name = name;
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

    /** A job of this queue ended (or was cut at the horizon) after holding and using GPUs for {@code ms}. */
    public void ran(long ms, int busyGpus, int allocatedGpus, boolean finished) {
        busyGpuMs += ms * busyGpus;
        allocatedGpuMs += ms * allocatedGpus;
        if (finished) {
            completed++;
        }
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
