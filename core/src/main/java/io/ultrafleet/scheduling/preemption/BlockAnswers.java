package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.workload.Job;
import java.util.Arrays;
import java.util.List;

/**
 * Per block, the victims a one-rack preemption search chose there for a job of some priority, kept while the block's
 * holders ({@link Occupancy#blockVersion}) and its racks' service ({@link FleetView#blockServiceVersion}) are
 * unchanged. Valid only for a victim order whose ranks do not move with time: then the choice depends on nothing else,
 * and only the work the victims would lose is computed again at each search. A burst of replicas asking for racks in
 * a large fleet reads each unchanged block once.
 */
final class BlockAnswers {
    private Occupancy cachedFor;
    private int[] holdersVersion = new int[0];
    private int[] serviceVersion = new int[0];
    private int[] priority = new int[0];
    private Object[] victims = new Object[0];

    /** The victims kept for {@code block} and a job of {@code jobPriority}, or null when there are none or they are stale. */
    @SuppressWarnings("unchecked")
    List<Job> get(Occupancy occ, FleetView fleet, int block, int jobPriority) {
        if (occ != cachedFor || block >= victims.length || victims[block] == null) {
            return null;
        }
        boolean fresh = holdersVersion[block] == occ.blockVersion(block)
                && serviceVersion[block] == fleet.blockServiceVersion(block)
                && priority[block] == jobPriority;
        return fresh ? (List<Job>) victims[block] : null;
    }

    /** Keeps {@code chosen} as the answer for {@code block} and a job of {@code jobPriority}, as the block is now. */
    void put(Occupancy occ, FleetView fleet, int block, int jobPriority, List<Job> chosen) {
        if (occ != cachedFor) {
            cachedFor = occ;
            Arrays.fill(victims, null);
        }
        if (block >= victims.length) {
            int n = Math.max(block + 1, victims.length * 2);
            holdersVersion = Arrays.copyOf(holdersVersion, n);
            serviceVersion = Arrays.copyOf(serviceVersion, n);
            priority = Arrays.copyOf(priority, n);
            victims = Arrays.copyOf(victims, n);
        }
        holdersVersion[block] = occ.blockVersion(block);
        serviceVersion[block] = fleet.blockServiceVersion(block);
        priority[block] = jobPriority;
        victims[block] = chosen;
    }
}
