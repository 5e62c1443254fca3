package io.ultrafleet.scheduling.sites;

import io.ultrafleet.scheduling.placement.FlavorFilter;

/**
 * Where one job may go (its quotas and the concentration cap, per hardware model and site) together with the tiers in
 * which its sites are to be tried. As a {@link FlavorFilter} it allows every place of every tier; its steps are the
 * tiers that hold an allowed place, and {@link #upTo} narrows it to the first of them, which is how the placer tries
 * preferred sites first.
 */
public final class TieredFilter implements FlavorFilter {
    private final boolean[] allowed;
    private final int sites;
    private final int[] tierOfSite;
    private final int[] tiers;

    /**
     * @param allowed per {@code model * sites + site}, whether the job may take GPUs there
     * @param tierOfSite tier of each site (0 first)
     * @param tierCount number of tiers
     */
    TieredFilter(boolean[] allowed, int sites, int[] tierOfSite, int tierCount) {
        this.allowed = allowed;
        this.sites = sites;
        this.tierOfSite = tierOfSite;
        boolean[] present = new boolean[tierCount];
        for (int i = 0, site = 0; i < allowed.length; i++) {
            if (allowed[i]) {
                present[tierOfSite[site]] = true;
            }
            if (++site == sites) {
                site = 0;
            }
        }
        int n = 0;
        for (boolean p : present) {
            n += p ? 1 : 0;
        }
        this.tiers = new int[n];
        n = 0;
        for (int t = 0; t < tierCount; t++) {
            if (present[t]) {
                tiers[n++] = t;
            }
        }
    }

    @Override
    public boolean allows(int model, int site) {
        return allowed[model * sites + site];
    }

    /** Tiers that hold at least one allowed place. */
    @Override
    public int steps() {
        return tiers.length;
    }

    /** The places of the first {@code step + 1} non-empty tiers; the last step allows everything this filter does. */
    @Override
    public FlavorFilter upTo(int step) {
        if (step >= tiers.length - 1) {
            return this;
        }
        int last = tiers[step];
        return (model, site) -> allowed[model * sites + site] && tierOfSite[site] <= last;
    }
}
