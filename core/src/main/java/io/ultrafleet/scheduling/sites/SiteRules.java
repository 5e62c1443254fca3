package io.ultrafleet.scheduling.sites;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;

/**
 * What the scheduler weighs, beyond quotas, when it chooses a site: an optional per-provider {@link ConcentrationCap}
 * (a hard limit, applied wherever the quota filter is) and an optional {@link SiteRanking} (which sites to try first:
 * committed before overflow, then by price, carbon or free capacity). Without either, placement is unchanged.
 */
public final class SiteRules {
    /** No cap and no ranking: the placer's topology-aware choice alone. */
    public static final SiteRules NONE = new SiteRules(null, null);

    private final ConcentrationCap cap;
    private final SiteRanking ranking;

    /** @param cap the concentration cap, or null; @param ranking the site order, or null */
    public SiteRules(ConcentrationCap cap, SiteRanking ranking) {
        this.cap = cap;
        this.ranking = ranking;
    }

    /** The cap, or null. */
    public ConcentrationCap cap() {
        return cap;
    }

    /**
     * Narrows {@code quota} (the places the job's quotas allow, {@link FlavorFilter#ALL} or null for none) to where the
     * cap lets the job go, with the ranking's tiers: a {@link TieredFilter}, or null when the cap leaves nowhere.
     * Returns {@code quota} itself when there are no rules. Cost: O(models x sites).
     */
    public FlavorFilter restrict(FleetView fleet, Job job, FlavorFilter quota) {
        if (quota == null || (cap == null && ranking == null)) {
            return quota;
        }
        int sites = fleet.topology().siteCount();
        int models = fleet.modelCount();
        boolean[] allowed = new boolean[models * sites];
        int cls = cap == null ? -1 : cap.classOf(job.queue());
        long limit = cls < 0 ? Long.MAX_VALUE : cap.limit(cls);
        boolean any = false;
        for (int m = 0; m < models; m++) {
            if (!job.allowsModel(m)) {
                continue;
            }
            long need = Placer.allocatedGpus(fleet.model(m), job);
            for (int s = 0; s < sites; s++) {
                boolean ok = quota.allows(m, s) && (cls < 0 || cap.admits(job.queue(), s, need, limit));
                allowed[m * sites + s] = ok;
                any |= ok;
            }
        }
        if (!any) {
            return null;
        }
        SiteRanking.Tiers tiers = ranking == null ? new SiteRanking.Tiers(new int[sites], 1) : ranking.tiers(fleet);
        return new TieredFilter(allowed, sites, tiers.ofSite(), tiers.count());
    }

    /** {@code queue} took {@code gpus} GPUs of {@code model} at {@code site}. */
    public void charged(int queue, int model, int site, long gpus) {
        if (cap != null) {
            cap.charge(queue, site, gpus);
        }
    }

    /** {@code queue} gave back {@code gpus} GPUs of {@code model} at {@code site}. */
    public void refunded(int queue, int model, int site, long gpus) {
        if (cap != null) {
            cap.refund(queue, site, gpus);
        }
    }
}
