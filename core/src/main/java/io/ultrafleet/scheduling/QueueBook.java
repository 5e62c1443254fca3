package io.ultrafleet.scheduling;

import io.ultrafleet.scheduling.quota.Flavor;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.scheduling.sites.SiteRules;
import io.ultrafleet.scheduling.sites.UsageListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's queues: names, quotas per flavour, cohorts, fair-share weights and current use.
 *
 * <p>Quotas follow Kueue's model. A queue without quotas is unlimited. A queue with quotas may use only flavours it
 * has a quota for (its first matching entry), up to its nominal quota plus what it may borrow. Queues of one cohort
 * share a pool per flavour (flavours equal as selectors): each lends up to its lending limit; what a queue uses above
 * its guaranteed part (nominal minus lending limit) comes from the pool, and it may go at most its borrowing limit
 * above its nominal quota.
 */
public final class QueueBook {
    /** The most queues a book holds (a scenario reader checks it, naming the queue). */
    public static final int MAX_QUEUES = 1 << 15;

    /** The most quota entries one queue has. */
    public static final int MAX_QUOTAS_PER_QUEUE = 0xFFFF;

    private final List<String> names = new ArrayList<>();
    private final List<String> cohorts = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private final List<Quota[]> quotas = new ArrayList<>();
    private final List<long[]> used = new ArrayList<>();
    private long[] usedTotal = new long[8];
    private long[] usageVersion = new long[8];
    private final Map<String, List<Integer>> members = new LinkedHashMap<>();
    // per queue and quota entry, the (queue, entry) slots of its cohort's pool for that flavour; built on first use
    private int[][][] poolSlots;
    private SiteRules siteRules = SiteRules.NONE;
    private UsageListener usageListener;

    /** Rules of site choice (a concentration cap, a site ranking) that apply with the quotas; none by default. */
    public void siteRules(SiteRules rules) {
        this.siteRules = java.util.Objects.requireNonNull(rules, "rules");
    }

    public SiteRules siteRules() {
        return siteRules;
    }

    /** Tells {@code listener} of every charge and refund, per model and site; null for none. */
    public void onUsage(UsageListener listener) {
        this.usageListener = listener;
    }

    /** Adds an unlimited queue ({@code quotaGpus} < 0) or one with a single nominal quota on every flavour. */
    public int add(String name, long quotaGpus) {
        return add(name, null, 1.0, quotaGpus < 0 ? List.of() : List.of(Quota.of(Flavor.ANY, quotaGpus)));
    }

    /**
     * Adds a queue; returns its index.
     *
     * @param cohort cohort name, or null for none
     * @param weight fair-share weight, > 0
     * @param queueQuotas quotas per flavour, first match wins; empty means unlimited
     */
    public int add(String name, String cohort, double weight, List<Quota> queueQuotas) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be > 0");
        }
        int q = names.size();
        if (q >= MAX_QUEUES || queueQuotas.size() > MAX_QUOTAS_PER_QUEUE) {
            throw new IllegalArgumentException("at most 32,768 queues of at most 65,535 quota entries each");
        }
        names.add(name);
        cohorts.add(cohort);
        weights.add(weight);
        quotas.add(queueQuotas.toArray(new Quota[0]));
        used.add(new long[queueQuotas.size()]);
        if (q == usedTotal.length) {
            usedTotal = java.util.Arrays.copyOf(usedTotal, q * 2);
            usageVersion = java.util.Arrays.copyOf(usageVersion, q * 2);
        }
        if (cohort != null) {
            members.computeIfAbsent(cohort, c -> new ArrayList<>()).add(q);
        }
        poolSlots = null;
        return q;
    }

    /**
     * Changes a queue's cohort, weight and quotas while it runs work. Its usage moves to the new quota entries: first
     * refund what it holds, then change it, then charge it again ({@link #charge}), so that each GPU lands on the
     * entry of its flavour under the new quotas. Returns false, changing nothing, while the queue holds any GPUs.
     */
    public boolean change(int queue, String cohort, double weight, List<Quota> queueQuotas) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be > 0");
        }
        if (queueQuotas.size() > MAX_QUOTAS_PER_QUEUE) {
            throw new IllegalArgumentException("at most 65,535 quota entries");
        }
        if (usedTotal[queue] != 0) {
            return false;
        }
        String old = cohorts.get(queue);
        if (old != null) {
            members.get(old).remove(Integer.valueOf(queue));
        }
        cohorts.set(queue, cohort);
        if (cohort != null) {
            members.computeIfAbsent(cohort, c -> new ArrayList<>()).add(queue);
        }
        weights.set(queue, weight);
        quotas.set(queue, queueQuotas.toArray(new Quota[0]));
        used.set(queue, new long[queueQuotas.size()]);
        usageVersion[queue]++;
        poolSlots = null;
        return true;
    }

    /** Whether the queue's quotas have an entry for GPUs of {@code model} at {@code site} (always, when unlimited). */
    public boolean covers(int queue, int model, int site) {
        return unlimited(queue) || entryFor(queue, model, site) >= 0;
    }

    public int size() {
        return names.size();
    }

    public String name(int queue) {
        return names.get(queue);
    }

    public boolean unlimited(int queue) {
        return quotas.get(queue).length == 0;
    }

    /** The queue's quota entry for GPUs of {@code model} at {@code site}, or -1 when it has none (or no quotas). */
    public int entryFor(int queue, int model, int site) {
        Quota[] qs = quotas.get(queue);
        for (int e = 0; e < qs.length; e++) {
            if (qs[e].flavor().matches(model, site)) {
                return e;
            }
        }
        return -1;
    }

    /** Whether the queue may take {@code gpus} more GPUs of {@code model} at {@code site} now. */
    public boolean admits(int queue, int model, int site, long gpus) {
        if (unlimited(queue)) {
            return true;
        }
        int e = entryFor(queue, model, site);
        if (e < 0) {
            return false;
        }
        Quota quota = quotas.get(queue)[e];
        long u = used.get(queue)[e];
        if (u + gpus > quota.nominal() + quota.borrowingLimit()) {
            return false;
        }
        long guaranteed = quota.nominal() - quota.lendingLimit();
        long fromPool = Math.max(0, u + gpus - guaranteed) - Math.max(0, u - guaranteed);
        return fromPool <= poolFree(queue, e);
    }

    /**
     * The free part of the cohort's pool of the flavour of the queue's entry {@code entry} (the queue's own lendable
     * quota when it has no cohort).
     */
    private long poolFree(int queue, int entry) {
        long capacity = 0;
        long taken = 0;
        for (int slot : poolSlots()[queue][entry]) {
            int q = slot >>> 16;
            int e = slot & 0xFFFF;
            Quota quota = quotas.get(q)[e];
            capacity += quota.lendingLimit();
            taken += Math.max(0, used.get(q)[e] - (quota.nominal() - quota.lendingLimit()));
        }
        return capacity - taken;
    }

    /** Per queue and entry, its pool: in each queue of the cohort, the first entry of an equal flavour. */
    private int[][][] poolSlots() {
        if (poolSlots == null) {
            int[][][] slots = new int[names.size()][][];
            for (int queue = 0; queue < names.size(); queue++) {
                Quota[] own = quotas.get(queue);
                slots[queue] = new int[own.length][];
                String cohort = cohorts.get(queue);
                List<Integer> pool = cohort == null ? List.of(queue) : members.get(cohort);
                for (int entry = 0; entry < own.length; entry++) {
                    List<Integer> found = new ArrayList<>();
                    for (int q : pool) {
                        Quota[] qs = quotas.get(q);
                        for (int e = 0; e < qs.length; e++) {
                            if (qs[e].flavor().equals(own[entry].flavor())) {
                                found.add(q << 16 | e);
                                break;
                            }
                        }
                    }
                    slots[queue][entry] =
                            found.stream().mapToInt(Integer::intValue).toArray();
                }
            }
            poolSlots = slots;
        }
        return poolSlots;
    }

    /** Charges {@code gpus} GPUs of {@code model} at {@code site} to the queue. */
    public void charge(int queue, int model, int site, long gpus) {
        if (!unlimited(queue)) {
            int e = entryFor(queue, model, site);
            if (e < 0) {
                throw new IllegalStateException("queue " + name(queue) + " has no quota for that flavour");
            }
            used.get(queue)[e] += gpus;
        }
        usedTotal[queue] += gpus;
        usageVersion[queue]++;
        siteRules.charged(queue, model, site, gpus);
        if (usageListener != null) {
            usageListener.changed(queue, model, site, gpus);
        }
    }

    /** Gives back what {@link #charge} took. */
    public void refund(int queue, int model, int site, long gpus) {
        if (!unlimited(queue)) {
            int e = entryFor(queue, model, site);
            long[] u = used.get(queue);
            u[e] -= gpus;
            if (u[e] < 0) {
                throw new IllegalStateException("queue " + name(queue) + " refunded below zero");
            }
        }
        usedTotal[queue] -= gpus;
        usageVersion[queue]++;
        siteRules.refunded(queue, model, site, gpus);
        if (usageListener != null) {
            usageListener.changed(queue, model, site, -gpus);
        }
    }

    /** A number that changes whenever the queue is charged or refunded. */
    public long usageVersion(int queue) {
        return usageVersion[queue];
    }

    /** GPUs the queue holds now. */
    public long used(int queue) {
        return usedTotal[queue];
    }

    /** GPUs the queue may hold at most across all flavours, borrowing included; {@link Long#MAX_VALUE} if unlimited. */
    public long ceiling(int queue) {
        if (unlimited(queue)) {
            return Long.MAX_VALUE;
        }
        // without a cohort there is no one to borrow from: the queue's own quota is its ceiling
        boolean borrows = cohorts.get(queue) != null;
        long c = 0;
        for (Quota quota : quotas.get(queue)) {
            c = Math.min(Long.MAX_VALUE / 2, c + quota.nominal() + (borrows ? quota.borrowingLimit() : 0));
        }
        return c;
    }

    /**
     * The queue's dominant share, divided by its weight: the largest of used / nominal over its flavours, or, for an
     * unlimited queue, used / {@code fleetGpus}. Lower is served first among jobs of equal priority.
     */
    public double dominantShare(int queue, long fleetGpus) {
        Quota[] qs = quotas.get(queue);
        double share;
        if (qs.length == 0) {
            share = usedTotal[queue] / (double) Math.max(1, fleetGpus);
        } else {
            share = 0;
            long[] u = used.get(queue);
            for (int e = 0; e < qs.length; e++) {
                share = Math.max(share, u[e] / (double) Math.max(1, qs[e].nominal()));
            }
        }
        return share / weights.get(queue);
    }
}
