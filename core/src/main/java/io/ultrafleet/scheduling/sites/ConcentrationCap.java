package io.ultrafleet.scheduling.sites;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.Topology;
import java.util.Arrays;

/**
 * A per-provider concentration cap, the price of avoiding lock-in: a workload class may hold at most {@code maxShare}
 * of its GPUs at any one provider. A class's GPUs are its declared size ({@code classGpus}), or, for a class without
 * one, the GPUs of every schedulable rack in the fleet. The cap is checked before every placement with the GPUs the job
 * would take, and the GPUs held are tracked exactly through {@link #charge} and {@link #refund}, so it holds at every
 * instant as long as the class's size does not shrink (a fleet-sized class shrinks only when racks are
 * decommissioned).
 */
public final class ConcentrationCap {
    private final FleetView fleet;
    private final double maxShare;
    private final int[] classOfQueue;
    private final long[] classGpus;
    private final int[] providerOfSite;
    private final int providers;
    private final long[] used;
    private long worstOverLimit = Long.MIN_VALUE;

    /**
     * @param maxShare largest share of a class's GPUs at one provider, in (0, 1]
     * @param classOfQueue the class of each queue, or -1 for a queue the cap does not apply to
     * @param classGpus each class's size in GPUs, or -1 for the fleet's schedulable GPUs
     * @param fleet the fleet, whose sites and providers are fixed and whose schedulable racks size a class without
     *     a declared size
     */
    public ConcentrationCap(double maxShare, int[] classOfQueue, long[] classGpus, FleetView fleet) {
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("maxShare must be in (0, 1]");
        }
        this.fleet = fleet;
        this.maxShare = maxShare;
        Topology topology = fleet.topology();
        this.classOfQueue = classOfQueue.clone();
        this.classGpus = classGpus.clone();
        this.providerOfSite = new int[topology.siteCount()];
        int p = 0;
        for (int s = 0; s < providerOfSite.length; s++) {
            providerOfSite[s] = topology.regionProvider(topology.siteRegion(s));
            p = Math.max(p, providerOfSite[s] + 1);
        }
        this.providers = p;
        this.used = new long[classGpus.length * Math.max(1, p)];
    }

    public double maxShare() {
        return maxShare;
    }

    /** The class of {@code queue}, or -1 when the cap does not apply to it. */
    public int classOf(int queue) {
        return queue < classOfQueue.length ? classOfQueue[queue] : -1;
    }

    public int providerOf(int site) {
        return providerOfSite[site];
    }

    public int providerCount() {
        return providers;
    }

    public int classCount() {
        return classGpus.length;
    }

    /** Most GPUs the class may hold at one provider now: {@code floor(maxShare x class size)}. */
    public long limit(int cls) {
        long size = classGpus[cls] >= 0 ? classGpus[cls] : schedulableGpus(fleet);
        return (long) Math.floor(maxShare * size + 1e-9);
    }

    /** GPUs the class holds at the provider now. */
    public long used(int cls, int provider) {
        return used[cls * providers + provider];
    }

    /**
     * Whether {@code queue} may take {@code gpus} more GPUs at {@code site} when its class's limit is {@code limit} (from
     * {@link #limit}, asked once per job).
     */
    public boolean admits(int queue, int site, long gpus, long limit) {
        int c = classOf(queue);
        return c < 0 || used[c * providers + providerOfSite[site]] + gpus <= limit;
    }

    /** The queue took {@code gpus} GPUs at {@code site}. */
    public void charge(int queue, int site, long gpus) {
        int c = classOf(queue);
        if (c >= 0) {
            int i = c * providers + providerOfSite[site];
            used[i] += gpus;
            worstOverLimit = Math.max(worstOverLimit, used[i] - limit(c));
        }
    }

    /** The queue gave back {@code gpus} GPUs at {@code site}. */
    public void refund(int queue, int site, long gpus) {
        int c = classOf(queue);
        if (c >= 0) {
            used[c * providers + providerOfSite[site]] -= gpus;
        }
    }

    /**
     * The largest amount by which a class's GPUs at one provider exceeded its limit right after a charge, over the whole
     * run; at most 0 while the cap held ({@link Long#MIN_VALUE} before the first charge).
     */
    public long worstOverLimit() {
        return worstOverLimit;
    }

    /** GPUs of every schedulable rack of the fleet. */
    static long schedulableGpus(FleetView fleet) {
        long n = 0;
        for (int m = 0; m < fleet.modelCount(); m++) {
            n += (long) fleet.schedulableRacks(m) * fleet.model(m).gpusPerDomain();
        }
        return n;
    }

    @Override
    public String toString() {
        return "ConcentrationCap[maxShare=" + maxShare + ", classGpus=" + Arrays.toString(classGpus) + "]";
    }
}
