package io.ultrafleet.scheduling.share;

/**
 * {@code best}: Ultrafleet's packing policy, {@link FgdPolicy fgd} with two costs that FGD's fragmentation leaves
 * out added to each placement's fragmentation change (both in milli-GPU, like the fragmentation itself):
 *
 * <ol>
 *   <li><b>Stranded GPU.</b> A GPU is of no use without CPU to go with it. The workload's GPU pods bring, on
 *       average, {@code c} milli-CPU per milli-GPU (share-weighted over the mix's GPU types). On a node with {@code
 *       cpuFree} and {@code gpuFree} left, {@code max(0, gpuFree - cpuFree / c)} milli-GPU are stranded; the
 *       placement's change in stranded milli-GPU counts as fragmentation. This keeps CPU-only and CPU-heavy pods off
 *       nodes whose CPU the GPUs will need (FGD sees CPU only through single pod types that stop fitting).
 *   <li><b>Scarce models.</b> Pods that may only run on some GPU models need those models kept for them. For each
 *       model {@code m}, {@code r_m} is the GPU demand of the mix's restricted types that can use {@code m} (each
 *       type's demand split evenly over the models it allows), as a fraction of all the mix's GPU demand, divided by
 *       {@code m}'s fraction of the cluster's GPU capacity. A pod that may run anywhere pays {@code demand x min(1,
 *       r_m)} for taking model {@code m}. Without restricted pods every {@code r_m} is 0.
 * </ol>
 *
 * <p>The rest is FGD's: the score {@code floor(100 * sigmoid(-(change) / 1000))}, the lowest-indexed best GPU on a
 * node, and ties between nodes broken by the tie rank.
 */
final class BestPolicy implements SharePolicy {
    static final String NAME = "best";

    private final int[] rank;
    private final FragmentationDeltas deltas;
    private final NodeTypeCache cache;
    private final PodMix mix;
    /** Milli-CPU the mix's GPU pods bring per milli-GPU; 0 if the mix has no GPU pods. */
    private final double cpuPerMilliGpu;
    /** {@code min(1, r_m)} per model, worked out on first use from the cluster's capacity per model. */
    private double[] scarcity;

    BestPolicy(PolicyContext context) {
        rank = context.tieRank();
        deltas = new FragmentationDeltas(context, rank.length);
        cache = new NodeTypeCache(rank.length);
        mix = context.mix();
        double cpu = 0;
        double gpu = 0;
        for (int i = 0; i < mix.size(); i++) {
            ShareRequest t = mix.type(i);
            if (t.gpus() > 0) {
                cpu += mix.share(i) * t.cpuMilli();
                gpu += mix.share(i) * t.gpuDemandMilli();
            }
        }
        cpuPerMilliGpu = gpu == 0 ? 0 : cpu / gpu;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharePlacement place(ShareView cluster, ShareRequest pod) {
        if (scarcity == null) {
            scarcity = scarcity(cluster, mix);
        }
        return FgdPolicy.bestCachedNode(
                cluster, pod, cache, rank, (node, type, version) -> score(cluster, node, pod, type, version));
    }

    private void score(ShareView cluster, int node, ShareRequest pod, int type, int version) {
        double before = deltas.before(cluster, node);
        int ways = deltas.evaluate(cluster, node, pod);
        double extra = strandedChange(cluster, node, pod) + scarcityCost(cluster, node, pod);
        long bestScore = -1;
        int bestMask = 0;
        for (int i = 0; i < ways; i++) {
            long s = FgdPolicy.score(before - deltas.after[i] - extra);
            if (s > bestScore) {
                bestScore = s;
                bestMask = deltas.masks[i];
            }
        }
        cache.put(type, node, version, bestScore, bestMask);
    }

    /** Change in the node's stranded milli-GPU if the pod goes there. */
    private double strandedChange(ShareView cluster, int node, ShareRequest pod) {
        if (cpuPerMilliGpu == 0) {
            return 0;
        }
        int cpu = cluster.cpuFree(node);
        int gpu = cluster.gpuFreeTotal(node);
        return stranded(cpu - pod.cpuMilli(), gpu - pod.gpuDemandMilli()) - stranded(cpu, gpu);
    }

    private double stranded(double cpuFree, double gpuFree) {
        return Math.max(0, gpuFree - cpuFree / cpuPerMilliGpu);
    }

    private double scarcityCost(ShareView cluster, int node, ShareRequest pod) {
        int m = cluster.model(node);
        if (pod.gpus() == 0 || pod.allowedModels() != ShareRequest.ANY_MODEL || m < 0 || m >= scarcity.length) {
            return 0;
        }
        return pod.gpuDemandMilli() * scarcity[m];
    }

    /** {@code min(1, r_m)} for each model of the cluster (see the class comment). */
    static double[] scarcity(ShareView cluster, PodMix mix) {
        int models = 0;
        for (int n = 0; n < cluster.nodeCount(); n++) {
            models = Math.max(models, cluster.model(n) + 1);
        }
        double[] capacity = new double[models];
        double total = 0;
        for (int n = 0; n < cluster.nodeCount(); n++) {
            if (cluster.model(n) >= 0) {
                capacity[cluster.model(n)] += cluster.gpuCount(n);
                total += cluster.gpuCount(n);
            }
        }
        double[] restricted = new double[models];
        double demand = 0;
        for (int i = 0; i < mix.size(); i++) {
            ShareRequest t = mix.type(i);
            double d = mix.share(i) * t.gpuDemandMilli();
            demand += d;
            if (t.gpus() == 0 || t.allowedModels() == ShareRequest.ANY_MODEL) {
                continue;
            }
            int k = 0;
            for (int m = 0; m < models; m++) {
                if (t.allowsModel(m) && capacity[m] > 0) {
                    k++;
                }
            }
            for (int m = 0; m < models; m++) {
                if (t.allowsModel(m) && capacity[m] > 0) {
                    restricted[m] += d / k;
                }
            }
        }
        double[] out = new double[models];
        for (int m = 0; m < models; m++) {
            if (capacity[m] > 0 && demand > 0) {
                out[m] = Math.min(1.0, (restricted[m] / demand) / (capacity[m] / total));
            }
        }
        return out;
    }
}
