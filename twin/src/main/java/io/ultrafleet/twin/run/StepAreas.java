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

    /**
     * Writes the mean online, allocated and busy GPUs of the step ending at {@code now} into {@code row[0..2]} and
     * returns the busy share of the allocated GPU time (1 when nothing was allocated).
     */
    double fill(long now, double[] row) {
        double step = now - since;
        row[0] = (ledger.onlineArea() - online) / step;
        row[1] = (ledger.allocatedArea() - allocated) / step;
        row[2] = (ledger.busyArea() - busy) / step;
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
