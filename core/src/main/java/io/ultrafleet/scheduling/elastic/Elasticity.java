package io.ultrafleet.scheduling.elastic;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placement;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic training jobs (a minimum and a full size, in whole NVLink domains): start smaller when the full size does
 * not fit, shrink instead of being preempted, and grow back into free capacity. Growth stays in the job's own group
 * at its required topology level (its block, its site, or anywhere), on its model.
 */
public final class Elasticity {
    /** The order donors give racks in: lowest priority first, then the largest, then the lowest id. */
    static final Comparator<Job> DONOR_ORDER = Comparator.comparingInt(Job::priority)
            .thenComparing(Comparator.comparingInt(Job::allocatedGpus).reversed())
            .thenComparingLong(Job::id);

    private Elasticity() {}

    /** Racks a job of {@code gpus} GPUs needs on a model with {@code perDomain} GPUs per rack. */
    static int racks(int gpus, int perDomain) {
        return (gpus + perDomain - 1) / perDomain;
    }

    /** The largest placement between the job's minimum and full size, on whole racks, or null. */
    public static Placement startSmaller(FleetView fleet, Job job, FlavorFilter filter) {
        Placement best = null;
        for (int m = 0; m < fleet.modelCount(); m++) {
            int per = fleet.model(m).gpusPerDomain();
            if (!job.allowsModel(m) || job.minGpus() < per) {
                continue;
            }
            int lo = racks(job.minGpus(), per);
            int hi = Math.min(racks(job.gpus(), per) - 1, fleet.wholeFreeRacks(m));
            Placement found = null;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Placement p = Placer.placeRacks(fleet, job, m, mid, filter);
                if (p != null) {
                    found = p;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found != null && (best == null || found.allocatedGpus() > best.allocatedGpus())) {
                best = found;
            }
        }
        return best;
    }

    /** Racks to take from lower-priority elastic jobs so that {@code job} fits, by job; empty when none would do. */
    public static Map<Job, int[]> shrinkFor(FleetView fleet, Collection<Job> elastic, Job job, FlavorFilter filter) {
        Topology topo = fleet.topology();
        Map<Job, int[]> best = Map.of();
        int bestTaken = Integer.MAX_VALUE;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (!job.allowsModel(m)) {
                continue;
            }
            int per = fleet.model(m).gpusPerDomain();
            boolean gang = job.gpus() >= per;
            int need = gang ? racks(job.gpus(), per) : 1;
            TopologyLevel level = gang ? job.required() : TopologyLevel.ANY;
            int groups = level.groups(topo);
            int[] free = new int[groups];
            for (int i = 0; i < fleet.blocksWithWholeFree(m); i++) {
                int b = fleet.blockWithWholeFree(m, i);
                if (filter.allows(m, topo.blockSite(b))) {
                    free[level.groupOf(topo, b)] += fleet.blockWholeFreeRacks(b);
                }
            }
            List<Job> donors = new ArrayList<>();
            for (Job e : elastic) {
                if (e.priority() < job.priority()
                        && fleet.rackModel(e.racks()[0]) == m
                        && e.racks().length > racks(e.minGpus(), per)) {
                    donors.add(e);
                }
            }
            if (donors.isEmpty()) {
                continue;
            }
            if (need == 1) {
                Map<Job, int[]> one = oneRack(fleet, donors, m, level, free, filter);
                if (one != null) {
                    return one; // one rack taken is the least any plan takes: nothing later can do better
                }
                continue;
            }
            donors.sort(DONOR_ORDER);
            // The group of each donor rack, once: -1 where the filter does not allow its site.
            // Per group, the donors with racks there, in donor order: a group's plan looks at no other donor.
            int[][] rackGroup = new int[donors.size()][];
            List<List<Integer>> donorsIn = new ArrayList<>(java.util.Collections.nCopies(groups, null));
            for (int d = 0; d < donors.size(); d++) {
                int[] rs = donors.get(d).racks();
                int[] gs = new int[rs.length];
                for (int i = 0; i < rs.length; i++) {
                    int b = fleet.rackBlock(rs[i]);
                    gs[i] = filter.allows(m, topo.blockSite(b)) ? level.groupOf(topo, b) : -1;
                    if (gs[i] >= 0) {
                        List<Integer> in = donorsIn.get(gs[i]);
                        if (in == null) {
                            in = new ArrayList<>();
                            donorsIn.set(gs[i], in);
                        }
                        if (in.isEmpty() || in.get(in.size() - 1) != d) {
                            in.add(d);
                        }
                    }
                }
                rackGroup[d] = gs;
            }
            for (int g = 0; g < groups; g++) {
                List<Integer> in = donorsIn.get(g);
                if (in == null || free[g] >= need) {
                    continue; // no donor here, or fits without shrinking anyone (the placer's business)
                }
                Map<Job, int[]> plan = new LinkedHashMap<>();
                int got = free[g];
                for (int k = 0; k < in.size() && got < need; k++) {
                    int di = in.get(k);
                    Job d = donors.get(di);
                    int spare = d.racks().length - racks(d.minGpus(), per);
                    int[] gs = rackGroup[di];
                    int[] take = new int[Math.min(spare, need - got)];
                    int n = 0;
                    for (int i = d.racks().length - 1; i >= 0 && n < take.length; i--) {
                        if (gs[i] == g) {
                            take[n++] = d.racks()[i];
                        }
                    }
                    if (n > 0) {
                        plan.put(d, java.util.Arrays.copyOf(take, n));
                        got += n;
                    }
                }
                int taken = got - free[g];
                if (got >= need && taken < bestTaken) {
                    best = plan;
                    bestTaken = taken;
                }
            }
        }
        return best;
    }

    /**
     * A need of one rack: the plan the general search settles on, found in two walks over the donors' racks, without
     * sorting them. That plan takes one rack, the last of the first donor (in {@link #DONOR_ORDER}) with a rack in the
     * lowest group that has no wholly free rack; null when no donor has a rack in such a group.
     */
    private static Map<Job, int[]> oneRack(
            FleetView fleet, List<Job> donors, int m, TopologyLevel level, int[] free, FlavorFilter filter) {
        Topology topo = fleet.topology();
        int lowest = Integer.MAX_VALUE;
        for (Job d : donors) {
            for (int r : d.racks()) {
                int b = fleet.rackBlock(r);
                int g = level.groupOf(topo, b);
                if (g < lowest && free[g] < 1 && filter.allows(m, topo.blockSite(b))) {
                    lowest = g;
                }
            }
        }
        if (lowest == Integer.MAX_VALUE) {
            return null;
        }
        Job first = null;
        int rack = -1;
        for (Job d : donors) {
            if (first != null && DONOR_ORDER.compare(d, first) > 0) {
                continue;
            }
            int[] rs = d.racks();
            for (int i = rs.length - 1; i >= 0; i--) {
                int b = fleet.rackBlock(rs[i]);
                if (level.groupOf(topo, b) == lowest && filter.allows(m, topo.blockSite(b))) {
                    first = d;
                    rack = rs[i];
                    break;
                }
            }
        }
        if (first == null) {
            throw new IllegalStateException("a donor rack in group " + lowest + " was seen, then not found");
        }
        Map<Job, int[]> plan = new LinkedHashMap<>();
        plan.put(first, new int[] {rack});
        return plan;
    }

    /**
     * Whole free racks to add to the running elastic {@code job} towards its full size, in its own group on its model,
     * or null when there are none.
     */
    public static Placement growth(FleetView fleet, Job job, FlavorFilter filter) {
        int first = job.racks()[0];
        int m = fleet.rackModel(first);
        int per = fleet.model(m).gpusPerDomain();
        int want = racks(job.gpus(), per) - job.racks().length;
        if (want <= 0 || fleet.wholeFreeRacks(m) == 0) {
            return null;
        }
        Topology topo = fleet.topology();
        int home = job.required().groupOf(topo, fleet.rackBlock(first));
        List<Integer> got = new ArrayList<>();
        for (int b = 0; b < topo.blockCount() && got.size() < want; b++) {
            if (topo.blockModel(b) != m
                    || job.required().groupOf(topo, b) != home
                    || !filter.allows(m, topo.blockSite(b))) {
                continue;
            }
            int left = fleet.blockWholeFreeRacks(b);
            for (int r = fleet.firstWholeFree(b); r >= 0 && left > 0 && got.size() < want; r = fleet.nextWholeFree(r)) {
                got.add(r);
                left--;
            }
        }
        if (got.isEmpty()) {
            return null;
        }
        int[] racks = got.stream().mapToInt(Integer::intValue).toArray();
        long[] masks = new long[racks.length];
        long full = fleet.model(m).unitsPerDomain() == 64
                ? -1L
                : (1L << fleet.model(m).unitsPerDomain()) - 1;
        java.util.Arrays.fill(masks, full);
        return new Placement(m, racks, masks, racks.length * per, -1);
    }
}
