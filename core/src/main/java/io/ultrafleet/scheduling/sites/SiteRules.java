package io.ultrafleet.scheduling.sites;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.placement.FlavorFilter;
import io.ultrafleet.scheduling.placement.Placer;
import io.ultrafleet.workload.Job;

/**
 * What the scheduler weighs, beyond quotas, when it chooses a site: an optional per-provider {@link ConcentrationCap}
 * (a hard limit, applied wherever the quota filter is), an optional {@link SiteRanking} (which sites to try first:
 * committed before overflow, then by price, carbon or free capacity) and an optional {@link ServingReserve} (capacity
 * held back for inference services, which lasting work may not take). Without any, placement is unchanged.
 */
public final class SiteRules {
    /** No cap, no ranking and no reserve: the placer's topology-aware choice alone. */
    public static final SiteRules NONE = new SiteRules(null, null);

    private final ConcentrationCap cap;
    private final SiteRanking ranking;
    private final ServingReserve reserve;

    /** @param cap the concentration cap, or null; @param ranking the site order, or null */
    public SiteRules(ConcentrationCap cap, SiteRanking ranking) {
        this(cap, ranking, null);
    }

    /**
     * @param cap the concentration cap, or null
     * @param ranking the site order, or null
     * @param reserve capacity held back for services, or null
     */
    public SiteRules(ConcentrationCap cap, SiteRanking ranking, ServingReserve reserve) {
        this.cap = cap;
        this.ranking = ranking;
        this.reserve = reserve;
    }

    /** The cap, or null. */
    public ConcentrationCap cap() {
        return cap;
    }

    /** The reserve, or null. */
    public ServingReserve reserve() {
        return reserve;
    }

    /** These rules with {@code reserve} as their reserve. */
    public SiteRules withReserve(ServingReserve reserve) {
        return new SiteRules(cap, ranking, reserve);
    }

    /**
     * Narrows {@code allowed} (where the job's quotas and the cap let it go, not null) to where the reserve lets it go:
     * {@code allowed} itself when there is no reserve or it does not limit the job; null when it leaves nowhere. The
     * steps of {@code allowed} (its site tiers) are kept. Cost: O(models x sites).
     */
    public FlavorFilter reserve(FleetView fleet, Job job, FlavorFilter allowed) {
        if (reserve == null || !reserve.limits(job)) {
            return allowed;
        }
        int sites = fleet.topology().siteCount();
        int models = fleet.modelCount();
        boolean[] ok = new boolean[models * sites];
        boolean any = false;
        boolean narrowed = false;
        for (int m = 0; m < models; m++) {
            if (!job.allowsModel(m)) {
                continue;
            }
            long need = Placer.allocatedGpus(fleet.model(m), job);
            for (int s = 0; s < sites; s++) {
                if (allowed.allows(m, s)) {
                    boolean admitted = reserve.admits(fleet, job, m, s, need);
                    ok[m * sites + s] = admitted;
                    any |= admitted;
                    narrowed |= !admitted;
                }
            }
        }
        if (!any) {
            return null;
        }
        return narrowed ? new Narrowed(allowed, ok, sites) : allowed;
    }

    /** A filter narrowed to some of its places, its steps kept. */
    private record Narrowed(FlavorFilter wide, boolean[] ok, int sites) implements FlavorFilter {
        @Override
        public boolean allows(int model, int site) {
            return ok[model * sites + site];
        }

        @Override
        public int steps() {
            return wide.steps();
        }

        @Override
        public FlavorFilter upTo(int step) {
            FlavorFilter w = wide.upTo(step);
            return (model, site) -> ok[model * sites + site] && w.allows(model, site);
        }
    }

    /** {@code job} took ({@code gpus} > 0) or gave back ({@code gpus} < 0) GPUs of {@code model} at {@code site}. */
    public void held(Job job, int model, int site, long gpus) {
        if (reserve != null) {
            reserve.held(job, model, site, gpus);
        }
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
                boolean ok = quota.allows(m, s) && (cls < 0 || cap.admits(job.queue(), m, s, need, limit));
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
            cap.charge(queue, model, site, gpus);
        }
    }

    /** {@code queue} gave back {@code gpus} GPUs of {@code model} at {@code site}. */
    public void refunded(int queue, int model, int site, long gpus) {
        if (cap != null) {
            cap.refund(queue, model, site, gpus);
        }
    }
}
