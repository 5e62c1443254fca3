package io.ultrafleet.scheduling.preemption;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.math.Saturating;
import io.ultrafleet.scheduling.Occupancy;
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
 * not to need, and keeps the place that loses the least work, then stops the fewest jobs. Cost: O(blocks) when no
 * group could make room (from per-block counts); otherwise O(racks of the groups that could, x trays per rack), plus
 * sorting the victims up to where each group's search stops. A one-rack need at the block level reads each block's
 * answer again only after the block changed ({@link BlockAnswers}), for a victim order whose ranks do not move.
 */
public final class PreemptionSearch {
    private final VictimOrder order;
    private final PreemptionPolicy policy;
    private long declined;
    private final LastVictims lastVictims;
    private final BlockAnswers blockAnswers;
    private final GroupSearch groupSearch;
    /** Per-rack scratch arrays, kept between searches (a search runs on one thread, one at a time). */
    private final int[][] scratch = new int[4][0];

    /** A search that stops whatever victims make room ({@link Unweighed}). */
    public PreemptionSearch(VictimOrder order) {
        this(order, new Unweighed());
    }

    /** A search that takes victims in {@code order} and stops them only when {@code policy} allows. */
    public PreemptionSearch(VictimOrder order, PreemptionPolicy policy) {
        this.order = order;
        this.policy = policy;
        this.lastVictims = new LastVictims(order);
        this.blockAnswers = new BlockAnswers(policy);
        this.groupSearch = new GroupSearch(order, lastVictims, this::preemption);
    }

    public PreemptionPolicy policy() {
        return policy;
    }

    /** Searches that found victims whose cost the policy did not allow, since this search was built. */
    public long declined() {
        return declined;
    }

    /** The preemption of {@code victims} at {@code now}: the work they lose and their cost by the policy. */
    Preemption preemption(List<Job> victims, long now) {
        long lost = 0;
        long cost = 0;
        for (Job v : victims) {
            long l = v.lostWorkIfStoppedAt(now);
            lost += l;
            cost = Saturating.add(cost, Saturating.add(l, policy.standingCost(v)));
        }
        return new Preemption(victims, lost, cost);
    }

    /** The search for several racks in one group. */
    GroupSearch groups() {
        return groupSearch;
    }

    public VictimOrder order() {
        return order;
    }

    private int[] scratch(int which, int racks) {
        if (scratch[which].length < racks) {
            scratch[which] = new int[Math.max(racks, scratch[which].length * 2)];
        }
        return scratch[which];
    }

    /** The cheapest preemption that makes room for {@code job} at {@code now}, or null if none does. */
    public Preemption find(long now, FleetView fleet, Occupancy occupancy, Job job) {
        return find(now, fleet, occupancy, job, FlavorFilter.ALL);
    }

    /**
     * As {@link #find(long, FleetView, Occupancy, Job)}, making room only where {@code filter} allows; null also when
     * the cheapest preemption costs more than the policy allows for the job.
     */
    public Preemption find(long now, FleetView fleet, Occupancy occupancy, Job job, FlavorFilter filter) {
        Preemption best = cheapest(now, fleet, occupancy, job, filter);
        if (best != null && !policy.allows(job, best.costGpuMs(), now)) {
            declined++;
            return null;
        }
        return best;
    }

    private Preemption cheapest(long now, FleetView fleet, Occupancy occupancy, Job job, FlavorFilter filter) {
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
            Victims.sortByRank(order, holders, now);
            List<Job> victims = new ArrayList<>();
            for (Job h : holders) {
                victims.add(h);
                free += unitsOn(occ, r, perRack, h);
                if (free >= units) {
                    break;
                }
            }
            Preemption p = preemption(victims, now);
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
        int groups = level.groups(topo);
        int perRack = fleet.model(model).unitsPerDomain();
        int[] wholeFree = new int[groups];
        for (int i = 0; i < fleet.blocksWithWholeFree(model); i++) {
            int b = fleet.blockWithWholeFree(model, i);
            if (filter.allows(model, topo.blockSite(b))) {
                wholeFree[level.groupOf(topo, b)] += fleet.blockWholeFreeRacks(b);
            }
        }
        // Pass 0, per block: the racks held only by lower priorities, in service and with no unit down, are those
        // preemption could free whole. Most searches end here, with no group able to make room, at O(blocks).
        int[] bound = new int[groups];
        int[] heldBelow = new int[topo.blockCount()]; // per block; 0 where the model or the filter rules it out
        for (int b = 0; b < topo.blockCount(); b++) {
            if (topo.blockModel(b) == model && filter.allows(model, topo.blockSite(b))) {
                heldBelow[b] = occ.racksHeldBelow(b, job.priority());
                bound[level.groupOf(topo, b)] += heldBelow[b];
            }
        }
        boolean[] possible = new boolean[groups];
        boolean anyPossible = false;
        for (int g = 0; g < groups; g++) {
            possible[g] = wholeFree[g] < racks && wholeFree[g] + bound[g] >= racks;
            anyPossible |= possible[g];
        }
        if (!anyPossible) {
            return null;
        }
        if (racks == 1 && level == TopologyLevel.BLOCK && !order.rankMovesWithTime()) {
            return oneRackByBlock(now, fleet, occ, job, model, perRack, possible, filter);
        }
        // Pass 1, from per-rack summaries, over the racks of the groups still possible: per group, the racks that
        // stopping lower-priority jobs would free whole.
        int[] freeable = new int[groups];
        int found = 0;
        int[] racksFound = scratch(0, fleet.rackCount());
        int[] groupOf = scratch(1, fleet.rackCount());
        for (int b = 0; b < topo.blockCount(); b++) {
            int g = level.groupOf(topo, b);
            if (heldBelow[b] == 0 || !possible[g]) {
                continue; // another model, a site the filter rules out, or nothing held below the job's priority
            }
            for (int r = fleet.firstRackIn(b); r >= 0; r = fleet.nextRackIn(r)) {
                if (mayFree(fleet, occ, job, model, perRack, r, filter)) {
                    racksFound[found] = r;
                    groupOf[found++] = g;
                    freeable[g]++;
                }
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
        // Pass 2, group by group: the freeable racks of each group that could make room, then the victims there.
        // Groups are independent: a victim's racks elsewhere do not count towards this group.
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            start[g + 1] = start[g] + (eligible[g] ? freeable[g] : 0);
        }
        int[] groupRacks = new int[start[groups]];
        int[] fill = java.util.Arrays.copyOf(start, groups);
        for (int i = 0; i < found; i++) {
            int g = groupOf[i];
            if (eligible[g]) {
                groupRacks[fill[g]++] = racksFound[i];
            }
        }
        Preemption best = null;
        int[] blockers = scratch(2, fleet.rackCount());
        int[] left = scratch(3, fleet.rackCount()); // all zero between searches
        List<Job> seen = new ArrayList<>(perRack);
        for (int g = 0; g < groups; g++) {
            if (!eligible[g]) {
                continue;
            }
            Preemption p = racks == 1
                    ? oneRack(now, occ, perRack, groupRacks, start[g], start[g + 1], seen)
                    : groupSearch.greedy(
                            now, occ, perRack, groupRacks, start[g], start[g + 1], racks, wholeFree[g], blockers, left);
            if (p != null && p.betterThan(best)) {
                best = p;
            }
        }
        return best;
    }

    /**
     * A one-rack need at the block level, block by block: each block's victims as {@link #oneRack} chooses them, read
     * from {@link BlockAnswers} while the block is unchanged; the block losing the least work wins, as in the group
     * search. {@code possible} blocks are those with no wholly free rack and a rack preemption could free.
     */
    private Preemption oneRackByBlock(
            long now,
            FleetView fleet,
            Occupancy occ,
            Job job,
            int model,
            int perRack,
            boolean[] possible,
            FlavorFilter filter) {
        int bestBlock = -1;
        long bestCost = 0;
        long bestLost = 0;
        int bestSize = 0;
        int[] racksFound = scratch(0, fleet.rackCount());
        List<Job> seen = new ArrayList<>(perRack);
        for (int b = 0; b < possible.length; b++) {
            if (!possible[b]) {
                continue;
            }
            if (!blockAnswers.fresh(occ, fleet, b, job.priority())) {
                int found = 0;
                for (int r = fleet.firstRackIn(b); r >= 0; r = fleet.nextRackIn(r)) {
                    if (mayFree(fleet, occ, job, model, perRack, r, filter)) {
                        racksFound[found++] = r;
                    }
                }
                if (found == 0) {
                    continue;
                }
                List<Job> victims = oneRackVictims(occ, perRack, racksFound, 0, found, seen, now);
                blockAnswers.put(occ, fleet, b, job.priority(), victims, now);
            }
            long cost = blockAnswers.costAt(b, now);
            long lost = blockAnswers.lostAt(b, now);
            int size = blockAnswers.size(b);
            if (bestBlock < 0 || Preemption.better(cost, lost, size, bestCost, bestLost, bestSize)) {
                bestBlock = b;
                bestCost = cost;
                bestLost = lost;
                bestSize = size;
            }
        }
        return bestBlock < 0 ? null : new Preemption(blockAnswers.victims(bestBlock), bestLost, bestCost);
    }

    /**
     * One rack needed in a group with none wholly free: what {@link GroupSearch#greedy} finds, without sorting the group's
     * candidates. Taking victims in order, the first racks to come free are those whose last victim in that order (L)
     * comes earliest. With one such rack, dropping the victims not needed leaves exactly its holders. With several
     * (L holds them all), the drop walks their other holders latest first and drops each whose going leaves a rack
     * free, as the full search does. Never null: the group was found able to make room.
     */
    Preemption oneRack(long now, Occupancy occ, int perRack, int[] racks, int from, int to, List<Job> seen) {
        return preemption(oneRackVictims(occ, perRack, racks, from, to, seen, now), now);
    }

    /** The victims {@link #oneRack(long, Occupancy, int, int[], int, int, List)} stops, in victim order. */
    private List<Job> oneRackVictims(
            Occupancy occ, int perRack, int[] racks, int from, int to, List<Job> seen, long now) {
        Job bestLast = null;
        long bestLastRank = 0;
        List<Integer> tied = new ArrayList<>(); // the racks whose last victim is bestLast
        for (int i = from; i < to; i++) {
            int r = racks[i];
            lastVictims.summarize(now, occ, r, perRack);
            Job last = lastVictims.last(r);
            long lastRank = lastVictims.rank(r);
            if (bestLast == null || Victims.compare(lastRank, last, bestLastRank, bestLast) < 0) {
                bestLast = last;
                bestLastRank = lastRank;
                tied.clear();
                tied.add(r);
            } else if (last == bestLast) {
                tied.add(r);
            }
        }
        List<Job> victims = new ArrayList<>();
        if (tied.size() == 1) {
            Victims.holdersOf(occ, tied.get(0), perRack, seen);
            victims.addAll(seen);
        } else {
            victims.addAll(dropAmongTied(now, occ, perRack, tied, bestLast, seen));
        }
        Victims.sortByRank(order, victims, now);
        return List.copyOf(victims);
    }

    /**
     * The victims kept when {@code tied} racks come free at once with {@code last}: {@code last}, then the other
     * holders of those racks from the latest in victim order, each dropped when the racks it holds are not all the
     * racks still free (the full search's drop rule, for a need of one rack).
     */
    private List<Job> dropAmongTied(
            long now, Occupancy occ, int perRack, List<Integer> tied, Job last, List<Job> seen) {
        Map<Job, List<Integer>> holds = new IdentityHashMap<>();
        for (int r : tied) {
            Victims.holdersOf(occ, r, perRack, seen);
            for (Job h : seen) {
                if (h != last) {
                    holds.computeIfAbsent(h, k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<Job> others = new ArrayList<>(holds.keySet());
        Victims.sortByRank(order, others, now);
        java.util.Set<Integer> free = new java.util.HashSet<>(tied);
        List<Job> kept = new ArrayList<>();
        kept.add(last);
        for (int i = others.size() - 1; i >= 0; i--) {
            Job v = others.get(i);
            int lose = 0;
            for (int r : holds.get(v)) {
                if (free.contains(r)) {
                    lose++;
                }
            }
            if (free.size() - lose >= 1) {
                holds.get(v).forEach(free::remove);
            } else {
                kept.add(v);
            }
        }
        return kept;
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
}
