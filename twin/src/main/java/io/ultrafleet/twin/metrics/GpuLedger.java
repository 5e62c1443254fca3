package io.ultrafleet.twin.metrics;

/**
 * Exact time integrals of GPUs online, allocated and busy, in GPU-milliseconds. The levels are piecewise constant
 * between events, so integrating at every clock advance is exact.
 */
public final class GpuLedger {
    private long online;
    private long allocated;
    private long busy;
    private long onlineArea;
    private long allocatedArea;
    private long busyArea;

    /** Adds the area of the current levels over {@code [from, to)}. */
    public void advance(long from, long to) {
        long dt = to - from;
        onlineArea += online * dt;
        allocatedArea += allocated * dt;
        busyArea += busy * dt;
    }

    public void set(long onlineGpus, long allocatedGpus, long busyGpus) {
        this.online = onlineGpus;
        this.allocated = allocatedGpus;
        this.busy = busyGpus;
    }

    public long onlineArea() {
        return onlineArea;
    }

    public long allocatedArea() {
        return allocatedArea;
    }

    public long busyArea() {
        return busyArea;
    }
}
