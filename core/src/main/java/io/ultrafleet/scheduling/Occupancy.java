package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.workload.Job;
import java.util.Arrays;

/**
 * Which job holds each tray (or host) of each rack, and, per rack, when the last of its holders is expected to end.
 * Kept beside the fleet state by the committer; read by backfill (when racks free up) and preemption (who would have
 * to go). Flat arrays: {@code rack * stride + unit}.
 */
public final class Occupancy {
    private final int stride;
    private Job[] holders = new Job[0];
    private long[] busyUntil = new long[0];

    public Occupancy(FleetView fleet) {
        int max = 1;
        for (int m = 0; m < fleet.modelCount(); m++) {
            max = Math.max(max, fleet.model(m).unitsPerDomain());
        }
        this.stride = max;
    }

    private void ensure(int racks) {
        if (racks > busyUntil.length) {
            int n = Math.max(racks, busyUntil.length * 2);
            holders = Arrays.copyOf(holders, n * stride);
            busyUntil = Arrays.copyOf(busyUntil, n);
        }
    }

    /** Records {@code job} on the units of {@code p}. */
    public void add(Job job, Placement p) {
        add(job, p.racks(), p.unitMasks());
    }

    /** Records {@code job} on the given units. */
    public void add(Job job, int[] racks, long[] masks) {
        long end = job.expectedEndMs();
        for (int i = 0; i < racks.length; i++) {
            int rack = racks[i];
            ensure(rack + 1);
            long mask = masks[i];
            while (mask != 0) {
                int unit = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                int slot = rack * stride + unit;
                if (holders[slot] != null) {
                    throw new IllegalStateException("unit " + unit + " of rack " + rack + " already held");
                }
                holders[slot] = job;
            }
            busyUntil[rack] = Math.max(busyUntil[rack], end);
        }
    }

    /** Forgets {@code job} on the units it holds (its racks and masks as recorded on the job). */
    public void remove(Job job) {
        remove(job, job.racks(), job.unitMasks());
    }

    /** Forgets {@code job} on the given units. */
    public void remove(Job job, int[] racks, long[] masks) {
        for (int i = 0; i < racks.length; i++) {
            int rack = racks[i];
            long mask = masks[i];
            while (mask != 0) {
                int unit = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                int slot = rack * stride + unit;
                if (holders[slot] != job) {
                    throw new IllegalStateException("unit " + unit + " of rack " + rack + " not held by " + job);
                }
                holders[slot] = null;
            }
            long until = 0;
            for (int u = 0; u < stride; u++) {
                Job h = holders[rack * stride + u];
                if (h != null) {
                    until = Math.max(until, h.expectedEndMs());
                }
            }
            busyUntil[rack] = until;
        }
    }

    /** The job on a unit, or null. */
    public Job holder(int rack, int unit) {
        int slot = rack * stride + unit;
        return slot < holders.length ? holders[slot] : null;
    }

    /** When the rack's last current holder is expected to end; 0 when it has none. */
    public long busyUntil(int rack) {
        return rack < busyUntil.length ? busyUntil[rack] : 0;
    }

    /** Units per rack in the flat arrays: the largest {@code unitsPerDomain} of the fleet's models. */
    public int stride() {
        return stride;
    }
}
