package io.ultrafleet.scheduling.placement;

import io.ultrafleet.scheduling.backfill.Reservation;
import io.ultrafleet.workload.Job;
import java.util.Arrays;

/**
 * The {@link Holds#holdFor} calls of one cycle, in order, with what each read of the fleet (its wholly free racks'
 * change count) and the range of hold entries it added. The next cycle's holds repeat a call's entries instead of
 * searching again when the same job asks with the same reservation, after the same earlier calls, and the fleet's
 * wholly free racks and racks in service have not changed since: then the search would find the same blocks.
 */
final class HoldCalls {
    private int size;
    private Job[] job = new Job[4];
    private Reservation[] reservation = new Reservation[4];
    private int[] gpus = new int[4];
    private long[] changes = new long[4];
    private int[] end = new int[4];
    private boolean[] atNow = new boolean[4];

    int size() {
        return size;
    }

    /** Forgets every call, keeping the arrays for the next cycle's. */
    void clear() {
        Arrays.fill(job, 0, size, null);
        Arrays.fill(reservation, 0, size, null);
        size = 0;
    }

    /**
     * Records a call for {@code j} with {@code r}, made when the fleet's change count was {@code fleetChanges}, after
     * which the holds had {@code entriesAfter} entries; {@code shadowAtNow} when its entries' shadow is the cycle's now
     * (a gang without a reservation), not the reservation's.
     */
    void add(Job j, Reservation r, long fleetChanges, int entriesAfter, boolean shadowAtNow) {
        if (size == job.length) {
            int n = size * 2;
            job = Arrays.copyOf(job, n);
            reservation = Arrays.copyOf(reservation, n);
            gpus = Arrays.copyOf(gpus, n);
            changes = Arrays.copyOf(changes, n);
            end = Arrays.copyOf(end, n);
            atNow = Arrays.copyOf(atNow, n);
        }
        job[size] = j;
        reservation[size] = r;
        gpus[size] = j.gpus();
        changes[size] = fleetChanges;
        end[size] = entriesAfter;
        atNow[size] = shadowAtNow;
        size++;
    }

    /**
     * Whether call {@code k} was made by the same job, of the same size, with the same reservation, on holds of
     * {@code entriesBefore} entries, and with the fleet's change count at {@code fleetChanges} (never a view's -1).
     */
    boolean same(int k, Job j, Reservation r, long fleetChanges, int entriesBefore) {
        return k < size
                && fleetChanges >= 0
                && job[k] == j
                && reservation[k] == r
                && gpus[k] == j.gpus()
                && changes[k] == fleetChanges
                && start(k) == entriesBefore;
    }

    /** The first entry call {@code k} added. */
    int start(int k) {
        return k == 0 ? 0 : end[k - 1];
    }

    /** One past the last entry call {@code k} added. */
    int end(int k) {
        return end[k];
    }

    boolean atNow(int k) {
        return atNow[k];
    }
}
