package io.ultrafleet.twin.metrics;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.sites.UsageListener;
import io.ultrafleet.twin.fleet.CpuPools;
import java.util.function.LongSupplier;

/**
 * Exact time integrals of the fleet per site and hardware model (a cell, {@code site * models + model}): GPUs online,
 * GPUs held by jobs, and GPUs held by each queue; and vCPUs online per CPU pool. Levels are piecewise constant between
 * events, so each is integrated lazily when it changes: a change costs O(1) and a clock advance costs two comparisons.
 * Cost and energy accounting read the areas at the end of each step.
 *
 * <p>Allocation changes arrive through the queue book ({@link UsageListener}); rack arrivals and departures, and CPU
 * hosts joining, are seen at the next clock advance through the fleet's and the pools' change counters.
 */
public final class SiteUsage implements UsageListener {
    private final FleetState state;
    private final CpuPools pools;
    private final LongSupplier clock;
    private final int models;
    private final int cells;
    private final int queues;

    private final long[] online;
    private final long[] onlineArea;
    private final long[] onlineAt;
    private final long[] alloc;
    private final long[] allocArea;
    private final long[] allocAt;
    private final long[] queueAlloc;
    private final long[] queueArea;
    private final long[] queueAt;
    private final long[] vcpus;
    private final long[] vcpuArea;
    private final long[] vcpuAt;
    private long seenFleet = -1;
    private long seenPools = -1;

    /**
     * @param queues number of queues
     * @param clock the simulation's clock, read when an allocation changes
     */
    public SiteUsage(FleetState state, CpuPools pools, int queues, LongSupplier clock) {
        this.state = state;
        this.pools = pools;
        this.clock = clock;
        this.models = state.modelCount();
        this.cells = state.topology().siteCount() * models;
        this.queues = queues;
        online = new long[cells];
        onlineArea = new long[cells];
        onlineAt = new long[cells];
        alloc = new long[cells];
        allocArea = new long[cells];
        allocAt = new long[cells];
        queueAlloc = new long[queues * cells];
        queueArea = new long[queues * cells];
        queueAt = new long[queues * cells];
        vcpus = new long[pools.count()];
        vcpuArea = new long[pools.count()];
        vcpuAt = new long[pools.count()];
    }

    public int cells() {
        return cells;
    }

    public int models() {
        return models;
    }

    public int queues() {
        return queues;
    }

    /** The site of a cell. */
    public int site(int cell) {
        return cell / models;
    }

    /** The hardware model of a cell. */
    public int model(int cell) {
        return cell % models;
    }

    @Override
    public void changed(int queue, int model, int site, long gpus) {
        long now = clock.getAsLong();
        int c = site * models + model;
        allocArea[c] += alloc[c] * (now - allocAt[c]);
        allocAt[c] = now;
        alloc[c] += gpus;
        int q = queue * cells + c;
        queueArea[q] += queueAlloc[q] * (now - queueAt[q]);
        queueAt[q] = now;
        queueAlloc[q] += gpus;
    }

    /** The clock moves from {@code from} to {@code to}: racks or hosts that changed at {@code from} are taken in. */
    public void advance(long from, long to) {
        if (state.onlineVersion() != seenFleet) {
            refreshOnline(from);
        }
        if (pools.version() != seenPools) {
            refreshPools(from);
        }
    }

    private void refreshOnline(long now) {
        seenFleet = state.onlineVersion();
        for (int c = 0; c < cells; c++) {
            long gpus = (long) state.onlineRacks(site(c), model(c))
                    * state.model(model(c)).gpusPerDomain();
            if (gpus != online[c]) {
                onlineArea[c] += online[c] * (now - onlineAt[c]);
                onlineAt[c] = now;
                online[c] = gpus;
            }
        }
    }

    private void refreshPools(long now) {
        seenPools = pools.version();
        for (int p = 0; p < vcpus.length; p++) {
            long v = pools.vcpus(p);
            if (v != vcpus[p]) {
                vcpuArea[p] += vcpus[p] * (now - vcpuAt[p]);
                vcpuAt[p] = now;
                vcpus[p] = v;
            }
        }
    }

    /** Brings every integral up to {@code now}; the area getters are exact up to the last flush. */
    public void flush(long now) {
        advance(now, now);
        for (int c = 0; c < cells; c++) {
            onlineArea[c] += online[c] * (now - onlineAt[c]);
            onlineAt[c] = now;
            allocArea[c] += alloc[c] * (now - allocAt[c]);
            allocAt[c] = now;
        }
        for (int q = 0; q < queueAlloc.length; q++) {
            queueArea[q] += queueAlloc[q] * (now - queueAt[q]);
            queueAt[q] = now;
        }
        for (int p = 0; p < vcpus.length; p++) {
            vcpuArea[p] += vcpus[p] * (now - vcpuAt[p]);
            vcpuAt[p] = now;
        }
    }

    /** GPU-milliseconds online in the cell up to the last flush. */
    public long onlineGpuMs(int cell) {
        return onlineArea[cell];
    }

    /** GPU-milliseconds held by jobs in the cell up to the last flush. */
    public long allocatedGpuMs(int cell) {
        return allocArea[cell];
    }

    /** GPU-milliseconds held by the queue's jobs in the cell up to the last flush. */
    public long queueGpuMs(int queue, int cell) {
        return queueArea[queue * cells + cell];
    }

    /** vCPU-milliseconds online in the pool up to the last flush. */
    public long vcpuMs(int pool) {
        return vcpuArea[pool];
    }

    /** GPUs held by jobs in the cell now. */
    public long allocatedGpus(int cell) {
        return alloc[cell];
    }

    /** GPUs held by the queue's jobs in the cell now. */
    public long queueGpus(int queue, int cell) {
        return queueAlloc[queue * cells + cell];
    }

    public int pools() {
        return vcpus.length;
    }
}
