package io.ultrafleet.scheduling.preemption;

import static io.ultrafleet.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.scheduling.Occupancies;
import io.ultrafleet.scheduling.Occupancy;
import io.ultrafleet.testing.Fleets;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The preemption search in one group against a plain model of its rule (take victims in victim order until enough
 * racks are free, then drop those not needed, latest first), on random groups of racks held by small jobs, by
 * whole-rack gangs and by jobs spread over several racks (which make several racks come free at once). Both the
 * one-rack shortcut and the search for several racks are held to it.
 */
class OneRackSearchTest {
    private static final int TRAYS = 18;
    private static final long ALL = (1L << TRAYS) - 1;

    @Test
    void findsTheSameVictimsAsTheFullSearchOnRandomGroups() {
        for (VictimOrder order : List.of(new LowestPriorityYoungest(), new LeastLostWork())) {
            PreemptionSearch search = new PreemptionSearch(order);
            for (long seed = 1; seed <= 300; seed++) {
                SplittableRandom rnd = new SplittableRandom(seed);
                int racks = 2 + rnd.nextInt(10);
                FleetState fleet = Fleets.fleet()
                        .site("s", 16)
                        .racks("s", "gb200-nvl72", racks)
                        .build();
                Occupancy occ = Occupancies.of(fleet);
                long now = 100 * 3_600_000L;
                int id = 0;
                // Gangs of whole racks first, then small jobs on trays of the racks left.
                boolean[] whole = new boolean[racks];
                for (int g = 0; g < rnd.nextInt(3); g++) {
                    List<Integer> mine = new ArrayList<>();
                    for (int r = 0; r < racks; r++) {
                        if (!whole[r] && rnd.nextInt(3) == 0) {
                            whole[r] = true;
                            mine.add(r);
                        }
                    }
                    if (!mine.isEmpty()) {
                        Job gang = job("gang" + id++)
                                .gpus(72 * mine.size())
                                .priority(rnd.nextBoolean() ? 500 : 100)
                                .build();
                        start(fleet, occ, gang, mine, rnd.nextInt(90) * 3_600_000L);
                    }
                }
                for (int r = 0; r < racks; r++) {
                    if (whole[r]) {
                        continue;
                    }
                    long free = ALL;
                    int jobs = 1 + rnd.nextInt(5);
                    for (int k = 0; k < jobs && free != 0; k++) {
                        long mask = 0;
                        int trays = 1 + rnd.nextInt(4);
                        for (long f = free; f != 0 && Long.bitCount(mask) < trays; f &= f - 1) {
                            mask |= Long.lowestOneBit(f);
                        }
                        free &= ~mask;
                        Job small = job("small" + id++)
                                .gpus(4 * Long.bitCount(mask))
                                .priority(rnd.nextBoolean() ? 100 : 200)
                                .build();
                        fleet.allocate(r, mask);
                        int gpus = 4 * Long.bitCount(mask);
                        small.start(rnd.nextInt(90) * 3_600_000L, new int[] {r}, new long[] {mask}, gpus, gpus);
                        Occupancies.add(occ, small, new int[] {r}, new long[] {mask});
                    }
                }
                // Jobs with trays on several racks (a gang that lost trays to faults): they can be the last victim
                // of several racks at once, with other holders beside them.
                for (int k = 0; k < rnd.nextInt(4); k++) {
                    List<Integer> on = new ArrayList<>();
                    List<Long> masks = new ArrayList<>();
                    for (int r = 0; r < racks; r++) {
                        long free = fleet.rackFreeMask(r);
                        if (!whole[r] && free != 0 && rnd.nextInt(2) == 0) {
                            on.add(r);
                            masks.add(Long.lowestOneBit(free));
                        }
                    }
                    if (on.size() < 2) {
                        continue;
                    }
                    int gpus = 4 * on.size();
                    Job spread = job("spread" + id++)
                            .gpus(gpus)
                            .priority(100 + 100 * rnd.nextInt(3))
                            .build();
                    int[] ids = on.stream().mapToInt(Integer::intValue).toArray();
                    long[] ms = masks.stream().mapToLong(Long::longValue).toArray();
                    for (int i = 0; i < ids.length; i++) {
                        fleet.allocate(ids[i], ms[i]);
                    }
                    spread.start(rnd.nextInt(90) * 3_600_000L, ids, ms, gpus, gpus);
                    Occupancies.add(occ, spread, ids, ms);
                }
                int[] group = new int[racks];
                for (int r = 0; r < racks; r++) {
                    group[r] = r;
                }
                Preemption shortcut = search.oneRack(now, occ, TRAYS, group, 0, racks, new ArrayList<>());
                assertThat(shortcut)
                        .as("%s, seed %d, one rack", order.name(), seed)
                        .isEqualTo(plainSearch(order, now, occ, racks, 1));
                int need = 1 + rnd.nextInt(racks);
                Preemption full = search.groups()
                        .greedy(now, occ, TRAYS, group, 0, racks, need, 0, new int[racks], new int[racks]);
                assertThat(full)
                        .as("%s, seed %d, %d racks", order.name(), seed, need)
                        .isEqualTo(plainSearch(order, now, occ, racks, need));
            }
        }
    }

    /** The rule in its plainest form: every holder of the group's racks sorted, walked, then pruned. */
    private static Preemption plainSearch(VictimOrder order, long now, Occupancy occ, int racks, int need) {
        java.util.Map<Job, List<Integer>> on = new java.util.LinkedHashMap<>();
        int[] blockers = new int[racks];
        for (int r = 0; r < racks; r++) {
            java.util.Set<Job> holders = new java.util.LinkedHashSet<>();
            for (int u = 0; u < TRAYS; u++) {
                if (occ.holder(r, u) != null) {
                    holders.add(occ.holder(r, u));
                }
            }
            blockers[r] = holders.size();
            for (Job h : holders) {
                on.computeIfAbsent(h, k -> new ArrayList<>()).add(r);
            }
        }
        List<Job> order0 = new ArrayList<>(on.keySet());
        order0.sort(java.util.Comparator.<Job>comparingLong(j -> order.rank(j, now))
                .thenComparingInt(Job::priority)
                .thenComparingLong(Job::id));
        int[] left = blockers.clone();
        List<Job> chosen = new ArrayList<>();
        int freed = 0;
        for (Job v : order0) {
            if (freed >= need) {
                break;
            }
            chosen.add(v);
            for (int r : on.get(v)) {
                if (--left[r] == 0) {
                    freed++;
                }
            }
        }
        for (int i = chosen.size() - 1; i >= 0; i--) {
            Job v = chosen.get(i);
            int lose = 0;
            for (int r : on.get(v)) {
                if (left[r] == 0) {
                    lose++;
                }
            }
            if (freed - lose >= need) {
                for (int r : on.get(v)) {
                    left[r]++;
                }
                freed -= lose;
                chosen.remove(i);
            }
        }
        long lost = 0;
        for (Job v : chosen) {
            lost += v.lostWorkIfStoppedAt(now);
        }
        return new Preemption(chosen, lost);
    }

    private static void start(FleetState fleet, Occupancy occ, Job job, List<Integer> racks, long at) {
        int[] ids = racks.stream().mapToInt(Integer::intValue).toArray();
        long[] masks = new long[ids.length];
        java.util.Arrays.fill(masks, ALL);
        for (int r : ids) {
            fleet.allocate(r, ALL);
        }
        job.start(at, ids, masks, 72 * ids.length, 72 * ids.length);
        Occupancies.add(occ, job, ids, masks);
    }
}
