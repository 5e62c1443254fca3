package io.ultrafleet.scheduling.sites;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.Topology;

/**
 * The order in which sites are tried for a job, in tiers: the placer first looks only at the sites of the first tier,
 * then at those of the first two, and so on, and within what it may use keeps its own topology-aware choice. Sites of
 * a lower group (committed capacity, group 0) always come before those of a higher one (on-demand or spot overflow),
 * so overflow is used only when committed capacity is full; within a group, sites are ordered by a score, lower
 * first: a price, a carbon intensity, or the negated free capacity. Sites of equal score share a tier.
 */
public final class SiteRanking {
    /** Tier of each site, 0 first, and the number of tiers. */
    public record Tiers(int[] ofSite, int count) {}

    private final int[] group;
    private final double[] score;
    private final boolean byFreeCapacity;
    private final Tiers fixed;

    private SiteRanking(int[] group, double[] score, boolean byFreeCapacity) {
        this.group = group.clone();
        this.score = score == null ? new double[group.length] : score.clone();
        this.byFreeCapacity = byFreeCapacity;
        this.fixed = byFreeCapacity ? null : rank(this.score);
    }

    /**
     * Sites by group, then by a fixed score (lower first).
     *
     * @param group per site: 0 for committed capacity, 1 for overflow (any non-negative order works)
     * @param score per site, lower first; null for none (the group alone decides)
     */
    public static SiteRanking fixed(int[] group, double[] score) {
        return new SiteRanking(group, score, false);
    }

    /** Sites by group, then most wholly free GPUs first (spreading load), recomputed at every question. */
    public static SiteRanking byFreeCapacity(int[] group) {
        return new SiteRanking(group, null, true);
    }

    /** The tiers now. Cost: O(sites log sites), plus O(blocks) when ranking by free capacity. */
    public Tiers tiers(FleetView fleet) {
        if (!byFreeCapacity) {
            return fixed;
        }
        Topology topo = fleet.topology();
        double[] free = new double[group.length];
        for (int b = 0; b < topo.blockCount(); b++) {
            free[topo.blockSite(b)] -= (double) fleet.blockWholeFreeRacks(b)
                    * fleet.model(topo.blockModel(b)).gpusPerDomain();
        }
        return rank(free);
    }

    private Tiers rank(double[] key) {
        int n = group.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(group[a], group[b]);
            if (c == 0) {
                c = Double.compare(key[a], key[b]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] tier = new int[n];
        int t = -1;
        for (int i = 0; i < n; i++) {
            int s = order[i];
            boolean same = i > 0 && group[order[i - 1]] == group[s] && key[order[i - 1]] == key[s];
            if (!same) {
                t++;
            }
            tier[s] = t;
        }
        return new Tiers(tier, t + 1);
    }
}
