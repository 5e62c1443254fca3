package io.ultrafleet.twin.run;

import io.ultrafleet.twin.metrics.GpuLedger;

/** The GPU areas of the time-series step in progress: the ledger's totals since the last row was taken. */
final class StepAreas {
    private final GpuLedger ledger;
    private long online;
    private long allocated;
    private long busy;
    private long since;

    StepAreas(GpuLedger ledger) {
        this.ledger = ledger;
    }

    /** When the step in progress began: the time of the last row, 0 before the first. */
    long since() {
        return since;
    }

    /** Mean GPUs online over the step ending at {@code now}. */
    double meanOnline(long now) {
        return (ledger.onlineArea() - online) / (double) (now - since);
    }

    /** Mean GPUs held by jobs over the step ending at {@code now}. */
    double meanAllocated(long now) {
        return (ledger.allocatedArea() - allocated) / (double) (now - since);
    }

    /** Mean GPUs computed on over the step ending at {@code now}. */
    double meanBusy(long now) {
        return (ledger.busyArea() - busy) / (double) (now - since);
    }

    /** The busy share of the GPU time held by jobs in the step in progress (1 when nothing was held). */
    double busyShare() {
        long stepAllocated = ledger.allocatedArea() - allocated;
        return stepAllocated == 0 ? 1.0 : (ledger.busyArea() - busy) / (double) stepAllocated;
    }

    /** Starts the next step at {@code now}. */
    void next(long now) {
        online = ledger.onlineArea();
        allocated = ledger.allocatedArea();
        busy = ledger.busyArea();
        since = now;
    }
}
