package io.ultrafleet.scheduling;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.elastic.Elasticity;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Holds;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SchedulingCycle} does with elastic jobs: a job that found no room starts below its full size, or
 * lower-priority elastic jobs shrink to make room for it, before any preemption; after the walk, running elastic jobs
 * grow into what is left while no job of their rank or above waits for capacity.
 */
final class CycleElastic {
    private CycleElastic() {}

    /**
     * For a job that found no room: an elastic job starts below its full size if it can; otherwise lower-priority
     * elastic jobs shrink (towards their minimum) to make room, before any preemption is considered.
     */
    static Placer.Result elasticFor(
            long now,
            ClusterState cluster,
            Holds view,
            Job job,
            FlavorFilter filter,
            List<Decision> decisions,
            Placer.Result failed) {
        if (job.isElastic()) {
            Placement smaller = Elasticity.startSmaller(view, job, filter);
            if (smaller != null) {
                return new Placer.Result(smaller, WaitReason.NONE);
            }
        }
        if (!anyDonorFor(cluster, job)) {
            return failed;
        }
        Map<Job, int[]> plan = Elasticity.shrinkFor(view, cluster.runningElastic(), job, filter);
        if (plan.isEmpty()) {
            return failed;
        }
        int mark = cluster.mark();
        List<Decision> shrinks = new ArrayList<>(plan.size());
        for (Map.Entry<Job, int[]> e : plan.entrySet()) {
            Job donor = e.getKey();
            Decision.Size before = Decision.Size.of(donor);
            cluster.shrink(donor, e.getValue(), now);
            shrinks.add(new Decision.Shrink(
                    donor, e.getValue(), job, before, Decision.Size.of(donor), donor.allocationVersion()));
        }
        Placer.Result r = Placer.place(view, job, filter);
        if (!r.placed() && job.isElastic()) {
            Placement smaller = Elasticity.startSmaller(view, job, filter);
            if (smaller != null) {
                r = new Placer.Result(smaller, WaitReason.NONE);
            }
        }
        if (!r.placed()) {
            cluster.rollback(mark); // the donors keep their racks: the job did not get the room
            return failed;
        }
        cluster.keep(mark);
        decisions.addAll(shrinks);
        return r;
    }

    /** Grows running elastic jobs, highest priority first, while no job of their rank or above waits. */
    static void grow(long now, ClusterState cluster, Holds view, int highestWaiting, List<Decision> decisions) {
        List<Job> elastic = null;
        long version0 = view.wholeFreeVersion();
        for (Job e : cluster.elasticBelowFullSize()) {
            if (mayGrow(e, highestWaiting, version0)) {
                elastic = new ArrayList<>(cluster.elasticBelowFullSize());
                break;
            }
        }
        if (elastic == null) {
            return; // the common case: no job below its size could grow since its last try
        }
        elastic.sort(PendingQueue.ORDER);
        for (Job e : elastic) {
            long version = view.wholeFreeVersion();
            if (!mayGrow(e, highestWaiting, version)) {
                continue;
            }
            FlavorFilter filter = QuotaFilters.quotaFilter(view, cluster.queues(), e);
            Placement extra = filter == null ? null : Elasticity.growth(view, e, filter);
            if (extra != null) {
                Decision.Size before = Decision.Size.of(e);
                cluster.grow(e, extra, now);
                decisions.add(new Decision.Grow(e, extra, before, Decision.Size.of(e), e.allocationVersion()));
            } else if (version >= 0
                    && filter != null
                    && e.required() != TopologyLevel.ANY
                    && homeAllowed(view, e, filter)) {
                e.memo().growMissedAt(version); // short of racks, not of quota: only a freed rack can change that
            }
        }
    }

    /**
     * Whether an elastic job may try to grow: it outranks every job waiting for capacity, is below its size, and
     * racks were freed since it last found no room ({@code version} of the wholly free racks, -1 when unknown).
     */
    private static boolean mayGrow(Job e, int highestWaiting, long version) {
        return e.priority() > highestWaiting
                && e.allocatedGpus() < e.gpus()
                && (version < 0 || e.memo().growMissVersion() != version);
    }

    /** Whether the job's quota allows it more GPUs at the site of its first rack, where it grows. */
    private static boolean homeAllowed(FleetView fleet, Job job, FlavorFilter filter) {
        int rack = job.racks()[0];
        return filter.allows(fleet.rackModel(rack), fleet.topology().blockSite(fleet.rackBlock(rack)));
    }

    /** True when some running elastic job of lower priority than {@code job} is above its minimum size. */
    private static boolean anyDonorFor(ClusterState cluster, Job job) {
        return cluster.lowestShrinkablePriority() < job.priority();
    }
}
