package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.math.Saturating;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.workload.Job;
import java.util.Arrays;
import java.util.List;

/**
 * Per block, the victims a one-rack preemption search chose there for a job of some priority, kept while the block's
 * holders ({@link Occupancy#blockVersion}) and its racks' service ({@link FleetView#blockServiceVersion}) are
 * unchanged. Valid only for a victim order whose ranks do not move with time: then the choice depends on nothing else.
 * A burst of replicas asking for racks in a large fleet reads each unchanged block once.
 *
 * <p>What the kept victims would lose and cost is kept too, as a line in time: until the first of their next
 * checkpoints (or the end of a restart's overhead), their lost work grows by the GPUs they compute on per
 * millisecond, and what they cost beyond it does not change while they run unchanged (a resize changes the holders of
 * every block the job holds). So a search reads an unchanged block's cost without visiting its victims.
 */
final class BlockAnswers {
    private final PreemptionPolicy policy;
    private Occupancy cachedFor;
    private int[] holdersVersion = new int[0];
    private int[] serviceVersion = new int[0];
    private int[] priority = new int[0];
    private Object[] victims = new Object[0];
    private int[] size = new int[0];
    // the line: at `at` the victims lose `lost` and cost `cost`; both grow by `rate` per ms until `steadyUntil`
    private long[] at = new long[0];
    private long[] lost = new long[0];
    private long[] cost = new long[0];
    private long[] rate = new long[0];
    private long[] steadyUntil = new long[0];

    /** Answers whose victims cost what {@code policy} says. */
    BlockAnswers(PreemptionPolicy policy) {
        this.policy = policy;
    }

    /**
     * Whether victims are kept for {@code block} and a job of {@code jobPriority}, and the block is as it was then. A
     * search asks this of every block, so it reads only flat arrays, never the victims themselves.
     */
    boolean fresh(Occupancy occ, FleetView fleet, int block, int jobPriority) {
        return occ == cachedFor
                && block < victims.length
                && victims[block] != null
                && holdersVersion[block] == occ.blockVersion(block)
                && priority[block] == jobPriority
                && serviceVersion[block] == fleet.blockServiceVersion(block);
    }

    /** The victims kept for {@code block}, in victim order; {@link #fresh} must have found them. */
    @SuppressWarnings("unchecked")
    List<Job> victims(int block) {
        return (List<Job>) victims[block];
    }

    /** How many victims are kept for {@code block}. */
    int size(int block) {
        return size[block];
    }

    /**
     * Keeps {@code chosen} as the answer for {@code block} and a job of {@code jobPriority}, as the block is now, with
     * what they lose and cost at {@code now}.
     */
    void put(Occupancy occ, FleetView fleet, int block, int jobPriority, List<Job> chosen, long now) {
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
            size = Arrays.copyOf(size, n);
            at = Arrays.copyOf(at, n);
            lost = Arrays.copyOf(lost, n);
            cost = Arrays.copyOf(cost, n);
            rate = Arrays.copyOf(rate, n);
            steadyUntil = Arrays.copyOf(steadyUntil, n);
        }
        holdersVersion[block] = occ.blockVersion(block);
        serviceVersion[block] = fleet.blockServiceVersion(block);
        priority[block] = jobPriority;
        victims[block] = chosen;
        size[block] = chosen.size();
        restate(block, now);
    }

    /** What the block's kept victims lose at {@code now}, in GPU-milliseconds; {@link #fresh} must have found them. */
    long lostAt(int block, long now) {
        steadyAt(block, now);
        return lost[block] + rate[block] * (now - at[block]);
    }

    /** What stopping the block's kept victims costs at {@code now}; {@link #fresh} must have found them. */
    long costAt(int block, long now) {
        steadyAt(block, now);
        return cost[block] + rate[block] * (now - at[block]);
    }

    private void steadyAt(int block, long now) {
        if (now < at[block] || now >= steadyUntil[block]) {
            restate(block, now);
        }
    }

    /** Computes the block's line again from its victims at {@code now}. */
    @SuppressWarnings("unchecked")
    private void restate(int block, long now) {
        long l = 0;
        long c = 0;
        long r = 0;
        long until = Long.MAX_VALUE;
        for (Job v : (List<Job>) victims[block]) {
            long vl = v.lostWorkIfStoppedAt(now);
            l += vl;
            c = Saturating.add(c, Saturating.add(vl, policy.standingCost(v)));
            r += v.lostWorkRate(now);
            until = Math.min(until, v.lostWorkSteadyUntil(now));
        }
        if (r > 0) {
            // no overflow on the line: the cost (at least the lost work) stays below the largest long
            long span = (Long.MAX_VALUE - c) / r;
            until = Math.min(until, now > Long.MAX_VALUE - span ? Long.MAX_VALUE : now + span);
        }
        at[block] = now;
        lost[block] = l;
        cost[block] = c;
        rate[block] = r;
        steadyUntil[block] = Math.max(until, now + 1);
    }
}
