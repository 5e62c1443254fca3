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
 *
 * <p>By spend, each GPU counts at its price (a weight per hardware model and site, in any integer unit such as
 * micro-dollars per hour): a class may then hold at most {@code maxShare} of its spend rate at one provider, its spend
 * rate being the priced GPUs of the fleet (or its declared GPUs at the fleet's mean price).
 */
public final class ConcentrationCap {
    private final FleetView fleet;
    private final double maxShare;
    private int[] classOfQueue;
    private final long[] classGpus;
    private final int[] providerOfSite;
    private final int providers;
    private final long[] used;
    private final long[] weight; // per model * sites + site, or null: every GPU counts 1
    private final int sites;
    private long worstOverLimit = Long.MIN_VALUE;

    /**
     * @param maxShare largest share of a class's GPUs at one provider, in (0, 1]
     * @param classOfQueue the class of each queue, or -1 for a queue the cap does not apply to
     * @param classGpus each class's size in GPUs, or -1 for the fleet's schedulable GPUs
     * @param fleet the fleet, whose sites and providers are fixed and whose schedulable racks size a class without
     *     a declared size
     */
    public ConcentrationCap(double maxShare, int[] classOfQueue, long[] classGpus, FleetView fleet) {
        this(maxShare, classOfQueue, classGpus, fleet, null);
    }

    /**
     * A cap by spend: as {@link #ConcentrationCap(double, int[], long[], FleetView)}, each GPU counting its weight.
     *
     * @param weightPerGpu per {@code model * sites + site}, what one GPU there counts (its price), at least 0; null
     *     counts each GPU 1
     */
    public ConcentrationCap(
            double maxShare, int[] classOfQueue, long[] classGpus, FleetView fleet, long[] weightPerGpu) {
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
        this.sites = topology.siteCount();
        this.weight = weightPerGpu == null ? null : weightPerGpu.clone();
    }

    /** Whether GPUs count by their price rather than one each. */
    public boolean bySpend() {
        return weight != null;
    }

    /** What one GPU of {@code model} at {@code site} counts: 1, or its weight by spend. */
    public long weight(int model, int site) {
        if (weight == null || model < 0) {
            return 1;
        }
        int i = model * sites + site;
        return i < weight.length ? weight[i] : 0;
    }

    private static long times(long gpus, long w) {
        long hi = Math.multiplyHigh(gpus, w);
        long lo = gpus * w;
        return hi == 0 && lo >= 0 ? lo : Long.MAX_VALUE / 4;
    }

    public double maxShare() {
        return maxShare;
    }

    /** The class of {@code queue}, or -1 when the cap does not apply to it. */
    public int classOf(int queue) {
        return queue < classOfQueue.length ? classOfQueue[queue] : -1;
    }

    /**
     * Puts {@code queue} in class {@code cls} (-1: the cap does not apply to it), for a queue added or changed after
     * the cap was made. Only while the queue holds nothing: what it holds was charged to its old class.
     */
    public void assign(int queue, int cls) {
        if (cls < -1 || cls >= classGpus.length) {
            throw new IllegalArgumentException("no class " + cls);
        }
        if (queue >= classOfQueue.length) {
            int old = classOfQueue.length;
            classOfQueue = Arrays.copyOf(classOfQueue, Math.max(queue + 1, old * 2));
            Arrays.fill(classOfQueue, old, classOfQueue.length, -1);
        }
        classOfQueue[queue] = cls;
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
        double size;
        if (weight == null) {
            size = classGpus[cls] >= 0 ? classGpus[cls] : schedulableGpus(fleet);
        } else {
            double all = schedulableWeight();
            long gpus = schedulableGpus(fleet);
            size = classGpus[cls] >= 0 ? (gpus == 0 ? 0 : classGpus[cls] * all / gpus) : all;
        }
        return (long) Math.floor(maxShare * size + 1e-9);
    }

    /** The weights of every schedulable GPU of the fleet. */
    private double schedulableWeight() {
        double n = 0;
        for (int s = 0; s < sites; s++) {
            for (int m = 0; m < fleet.modelCount(); m++) {
                n += (double) fleet.onlineRacks(s, m) * fleet.model(m).gpusPerDomain() * weight(m, s);
            }
        }
        return n;
    }

    /** GPUs (or, by spend, their weights) the class holds at the provider now. */
    public long used(int cls, int provider) {
        return used[cls * providers + provider];
    }

    /**
     * Whether {@code queue} may take {@code gpus} more GPUs at {@code site} when its class's limit is {@code limit} (from
     * {@link #limit}, asked once per job).
     */
    public boolean admits(int queue, int site, long gpus, long limit) {
        return admits(queue, -1, site, gpus, limit);
    }

    /** As {@link #admits(int, int, long, long)}, for GPUs of {@code model} (which a cap by spend weighs). */
    public boolean admits(int queue, int model, int site, long gpus, long limit) {
        int c = classOf(queue);
        return c < 0 || used[c * providers + providerOfSite[site]] + times(gpus, weight(model, site)) <= limit;
    }

    /** The queue took {@code gpus} GPUs at {@code site}. */
    public void charge(int queue, int site, long gpus) {
        charge(queue, -1, site, gpus);
    }

    /** The queue took {@code gpus} GPUs of {@code model} at {@code site}. */
    public void charge(int queue, int model, int site, long gpus) {
        int c = classOf(queue);
        if (c >= 0) {
            int i = c * providers + providerOfSite[site];
            used[i] += times(gpus, weight(model, site));
            worstOverLimit = Math.max(worstOverLimit, used[i] - limit(c));
        }
    }

    /** The queue gave back {@code gpus} GPUs at {@code site}. */
    public void refund(int queue, int site, long gpus) {
        refund(queue, -1, site, gpus);
    }

    /** The queue gave back {@code gpus} GPUs of {@code model} at {@code site}. */
    public void refund(int queue, int model, int site, long gpus) {
        int c = classOf(queue);
        if (c >= 0) {
            used[c * providers + providerOfSite[site]] -= times(gpus, weight(model, site));
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
