package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.scheduling.backfill.ReservationPass;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds running jobs of lower priority whose stopping lets a waiting job fit. Victims are whole jobs, so no part of a
 * gang is left running. Among the places the job could go (one rack for a small job; one block, site or the fleet
 * for a gang), the search takes victims in {@link VictimOrder} until enough is free there, drops victims it turns out
 * not to need, and keeps the place that loses the least work, then stops the fewest jobs. Cost: O(racks of the
 * model x trays per rack), plus sorting the candidates.
 */
public final class PreemptionSearch {
    private final VictimOrder order;

    public PreemptionSearch(VictimOrder order) {
        this.order = order;
    }

    public VictimOrder order() {
        return order;
    }

    /** Sorts {@code jobs} into victim order: rank (computed once per job), then lower priority, then lower id. */
    private void sortByRank(List<Job> jobs, long now) {
        int n = jobs.size();
        long[] rank = new long[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            rank[i] = order.rank(jobs.get(i), now);
            idx[i] = i;
        }
        Job[] js = jobs.toArray(new Job[0]);
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Long.compare(rank[a], rank[b]);
            if (c == 0) {
                c = Integer.compare(js[a].priority(), js[b].priority());
            }
            return c != 0 ? c : Long.compare(js[a].id(), js[b].id());
        });
        for (int i = 0; i < n; i++) {
            jobs.set(i, js[idx[i]]);
        }
    }

    /** The cheapest preemption that makes room for {@code job} at {@code now}, or null if none does. */
    public Preemption find(long now, FleetView fleet, Occupancy occupancy, Job job) {
        return find(now, fleet, occupancy, job, FlavorFilter.ALL);
    }

    /** As {@link #find(long, FleetView, Occupancy, Job)}, making room only where {@code filter} allows. */
    public Preemption find(long now, FleetView fleet, Occupancy occupancy, Job job, FlavorFilter filter) {
        Preemption best = null;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (!job.allowsModel(m) || fleet.schedulableRacks(m) == 0) {
                continue;
            }
            HardwareModel hw = fleet.model(m);
            int perUnit = hw.gpusPerUnit();
            int perDomain = hw.gpusPerDomain();
            Preemption p = job.gpus() < perDomain
                    ? forTrays(now, fleet, occupancy, job, m, (job.gpus() + perUnit - 1) / perUnit, filter)
                    : forGang(now, fleet, occupancy, job, m, (job.gpus() + perDomain - 1) / perDomain, filter);
            if (p != null && p.betterThan(best)) {
                best = p;
            }
        }
        return best;
    }

    /** One rack with {@code units} free once some of its lower-priority holders stop. */
    private Preemption forTrays(
            long now, FleetView fleet, Occupancy occ, Job job, int model, int units, FlavorFilter filter) {
        Preemption best = null;
        int stride = occ.stride();
        int perRack = fleet.model(model).unitsPerDomain();
        List<Job> holders = new ArrayList<>(perRack);
        for (int r = 0; r < fleet.rackCount(); r++) {
            if (fleet.rackModel(r) != model
                    || !fleet.rackSchedulable(r)
                    || !filter.allows(model, fleet.topology().blockSite(fleet.rackBlock(r)))) {
                continue;
            }
            int free = fleet.rackFreeUnits(r);
            if (free >= units) {
                continue; // fits without preemption; not this search's business
            }
            holders.clear();
            int lowerUnits = 0;
            for (int u = 0; u < perRack && u < stride; u++) {
                Job h = occ.holder(r, u);
                if (h != null && h.priority() < job.priority()) {
                    lowerUnits++;
                    if (!holders.contains(h)) {
                        holders.add(h);
                    }
                }
            }
            if (free + lowerUnits < units) {
                continue;
            }
            sortByRank(holders, now);
            List<Job> victims = new ArrayList<>();
            long lost = 0;
            for (Job h : holders) {
                victims.add(h);
                lost += h.lostWorkIfStoppedAt(now);
                free += unitsOn(occ, r, perRack, h);
                if (free >= units) {
                    break;
                }
            }
            Preemption p = new Preemption(victims, lost);
            if (p.betterThan(best)) {
                best = p;
            }
        }
        return best;
    }

    private static int unitsOn(Occupancy occ, int rack, int perRack, Job job) {
        int n = 0;
        for (int u = 0; u < perRack; u++) {
            if (occ.holder(rack, u) == job) {
                n++;
            }
        }
        return n;
    }

    /** {@code racks} wholly free racks in one group at the job's required level once some jobs stop. */
    private Preemption forGang(
            long now, FleetView fleet, Occupancy occ, Job job, int model, int racks, FlavorFilter filter) {
        Topology topo = fleet.topology();
        TopologyLevel level = job.required();
        int groups =
                level == TopologyLevel.BLOCK ? topo.blockCount() : level == TopologyLevel.SITE ? topo.siteCount() : 1;
        int perRack = fleet.model(model).unitsPerDomain();
        // Pass 1, from per-rack summaries only: per group, the racks wholly free and the racks that stopping
        // lower-priority jobs would free whole. Most searches end here, with no group able to make room.
        int[] wholeFree = new int[groups];
        int[] freeable = new int[groups];
        boolean[] mayFree = new boolean[fleet.rackCount()];
        for (int r = 0; r < fleet.rackCount(); r++) {
            if (mayFree(fleet, occ, job, model, perRack, r, filter)) {
                mayFree[r] = true;
                freeable[ReservationPass.group(topo, fleet.rackBlock(r), level)]++;
            }
        }
        for (int i = 0; i < fleet.blocksWithWholeFree(model); i++) {
            int b = fleet.blockWithWholeFree(model, i);
            if (filter.allows(model, topo.blockSite(b))) {
                wholeFree[ReservationPass.group(topo, b, level)] += fleet.blockWholeFreeRacks(b);
            }
        }
        boolean[] eligible = new boolean[groups];
        boolean any = false;
        for (int g = 0; g < groups; g++) {
            eligible[g] = wholeFree[g] < racks && wholeFree[g] + freeable[g] >= racks;
            any |= eligible[g];
        }
        if (!any) {
            return null;
        }
        // Pass 2: the distinct holders of each freeable rack in the groups that could make room.
        Map<Job, List<Integer>> victimRacks = new IdentityHashMap<>();
        int[] blockers = new int[fleet.rackCount()];
        List<Job> seen = new ArrayList<>(perRack);
        for (int r = 0; r < fleet.rackCount(); r++) {
            if (!mayFree[r] || !eligible[ReservationPass.group(topo, fleet.rackBlock(r), level)]) {
                continue;
            }
            seen.clear();
            Job whole = occ.wholeRackHolder(r);
            if (whole != null) {
                seen.add(whole);
            } else {
                Job last = null;
                for (int u = 0; u < perRack; u++) {
                    Job h = occ.holder(r, u);
                    if (h != null && h != last && !seen.contains(h)) {
                        seen.add(h);
                    }
                    last = h != null ? h : last;
                }
            }
            blockers[r] = seen.size();
            for (Job h : seen) {
                victimRacks.computeIfAbsent(h, k -> new ArrayList<>()).add(r);
            }
        }
        List<Job> candidates = new ArrayList<>(victimRacks.keySet());
        sortByRank(candidates, now);
        // Each group's candidates, in victim order: a group's search walks only the jobs on its racks.
        List<List<Job>> byGroup = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            byGroup.add(eligible[g] ? new ArrayList<>() : List.of());
        }
        for (Job v : candidates) {
            int lastGroup = -1;
            for (int r : victimRacks.get(v)) {
                int g = ReservationPass.group(topo, fleet.rackBlock(r), level);
                if (g != lastGroup) {
                    List<Job> list = byGroup.get(g);
                    if (list.isEmpty() || list.get(list.size() - 1) != v) {
                        list.add(v);
                    }
                    lastGroup = g;
                }
            }
        }
        Preemption best = null;
        int[] left = new int[fleet.rackCount()];
        for (int g = 0; g < groups; g++) {
            if (!eligible[g]) {
                continue;
            }
            Preemption p = greedyInGroup(
                    now, fleet, topo, level, g, racks, wholeFree[g], byGroup.get(g), victimRacks, blockers, left);
            if (p != null && p.betterThan(best)) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Whether stopping lower-priority jobs could free the whole rack for {@code job}: a rack of the model, in service,
     * allowed by the filter, not wholly free already (those are counted per block), with no tray down, and held only by
     * jobs of lower priority.
     */
    private static boolean mayFree(
            FleetView fleet, Occupancy occ, Job job, int model, int perRack, int r, FlavorFilter filter) {
        return fleet.rackModel(r) == model
                && occ.highestPriority(r) < job.priority()
                && fleet.rackFreeUnits(r) != perRack
                && fleet.rackDownMask(r) == 0
                && fleet.rackSchedulable(r)
                && filter.allows(model, fleet.topology().blockSite(fleet.rackBlock(r)));
    }

    private static Preemption greedyInGroup(
            long now,
            FleetView fleet,
            Topology topo,
            TopologyLevel level,
            int group,
            int racks,
            int wholeFree,
            List<Job> candidates,
            Map<Job, List<Integer>> victimRacks,
            int[] blockers,
            int[] left) {
        List<Job> chosen = new ArrayList<>();
        List<Integer> touched = new ArrayList<>();
        int freed = wholeFree;
        for (Job v : candidates) {
            boolean touches = false;
            for (int r : victimRacks.get(v)) {
                if (ReservationPass.group(topo, fleet.rackBlock(r), level) == group) {
                    touches = true;
                    if (left[r] == 0) {
                        left[r] = blockers[r];
                        touched.add(r);
                    }
                    if (--left[r] == 0) {
                        freed++;
                    }
                }
            }
            if (touches) {
                chosen.add(v);
                if (freed >= racks) {
                    break;
                }
            }
        }
        boolean enough = freed >= racks;
        // Drop victims not needed after all, latest first.
        if (enough) {
            for (int i = chosen.size() - 1; i >= 0; i--) {
                Job v = chosen.get(i);
                int lose = 0;
                for (int r : victimRacks.get(v)) {
                    if (ReservationPass.group(topo, fleet.rackBlock(r), level) == group && left[r] == 0) {
                        lose++;
                    }
                }
                if (freed - lose >= racks) {
                    for (int r : victimRacks.get(v)) {
                        if (ReservationPass.group(topo, fleet.rackBlock(r), level) == group) {
                            left[r]++;
                        }
                    }
                    freed -= lose;
                    chosen.remove(i);
                }
            }
        }
        // Reset the scratch counts for the next group.
        for (int r : touched) {
            left[r] = 0;
        }
        if (!enough) {
            return null;
        }
        long lost = 0;
        for (Job v : chosen) {
            lost += v.lostWorkIfStoppedAt(now);
        }
        return new Preemption(chosen, lost);
    }
}
