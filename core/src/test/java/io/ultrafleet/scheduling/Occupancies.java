package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.workload.Job;

/**
 * Occupancy states built unit by unit, for tests of the searches that read them (preemption, backfill). Outside
 * tests only {@link ClusterState} writes an {@link Occupancy}.
 */
public final class Occupancies {
    private Occupancies() {}

    public static Occupancy of(FleetView fleet) {
        return new Occupancy(fleet);
    }

    public static void add(Occupancy occ, Job job, int[] racks, long[] masks) {
        occ.add(job, racks, masks);
    }

    public static void remove(Occupancy occ, Job job) {
        occ.remove(job);
    }

    public static void remove(Occupancy occ, Job job, int[] racks, long[] masks) {
        occ.remove(job, racks, masks);
    }
}
