package io.ultrafleet.twin.replay;

import java.util.Arrays;

/**
 * GPU allocation against arrived GPU demand, one point per pod of a replay: after each pod (placed or not), the
 * milli-GPU that has arrived so far and the milli-GPU allocated, both as % of the cluster's GPU capacity.
 *
 * <p>{@link #allocPctAt(int)} reads the curve as the FGD paper's published curves do: the mean allocation % over
 * all points whose arrived % rounds (half to even) to the given whole number; if none does, over the points whose
 * arrived % rounds to within one of it.
 */
public final class AllocationCurve {
    private final long capacityMilli;
    private long[] arrived;
    private long[] allocated;
    private int points;

    public AllocationCurve(long capacityMilli, int expectedPoints) {
        if (capacityMilli <= 0) {
            throw new IllegalArgumentException("capacity " + capacityMilli + ": must be > 0");
        }
        this.capacityMilli = capacityMilli;
        arrived = new long[Math.max(16, expectedPoints)];
        allocated = new long[arrived.length];
    }

    /** Adds the point after one more pod. */
    public void record(long arrivedMilli, long allocatedMilli) {
        if (points == arrived.length) {
            arrived = Arrays.copyOf(arrived, points * 2);
            allocated = Arrays.copyOf(allocated, points * 2);
        }
        arrived[points] = arrivedMilli;
        allocated[points] = allocatedMilli;
        points++;
    }

    public int points() {
        return points;
    }

    /** Arrived milli-GPU as % of capacity at point {@code i}. */
    public double arrivedPct(int i) {
        return 100.0 * arrived[i] / capacityMilli;
    }

    /** Allocated milli-GPU as % of capacity at point {@code i}. */
    public double allocatedPct(int i) {
        return 100.0 * allocated[i] / capacityMilli;
    }

    /** The allocation % where arrived demand is {@code arrivedPct} % of capacity; NaN if the replay never got near. */
    public double allocPctAt(int arrivedPct) {
        double exact = meanWhereRounded(arrivedPct, arrivedPct);
        return Double.isNaN(exact) ? meanWhereRounded(arrivedPct - 1, arrivedPct + 1) : exact;
    }

    private double meanWhereRounded(int low, int high) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < points; i++) {
            double r = Math.rint(arrivedPct(i));
            if (r >= low && r <= high) {
                sum += allocatedPct(i);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
