package io.ultrafleet.scheduling.share;

/**
 * {@code bestfit}: the node that would have the least left, as the BestFit baseline of the FGD paper's simulator
 * defines it. A node scores {@code floor(100 * (1 - (cpuLeft / 128 000 + gpuLeft / 8 000) / 2))}, where cpuLeft and
 * gpuLeft are the node's free milli-CPU and free milli-GPU (all GPUs together) after the pod; 128 cores and 8 GPUs
 * are the largest node of that cluster. The highest score wins and equal scores break by the tie rank. On the node, a
 * share of a GPU goes to the GPU with the least free that holds it; whole GPUs are the lowest-indexed free ones.
 *
 * <p>The score is truncated to an integer, as in the baseline, so nodes within about 1 % of each other tie: the tie
 * rank then decides.
 */
final class BestFitPolicy implements SharePolicy {
    static final String NAME = "bestfit";
    private static final double CPU_SCALE = 128_000.0;
    private static final double GPU_SCALE = 8_000.0;

    private final int[] rank;

    BestFitPolicy(PolicyContext context) {
        rank = context.tieRank();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharePlacement place(ShareView cluster, ShareRequest pod) {
        int best = -1;
        long bestScore = Long.MIN_VALUE;
        long gpuDemand = pod.gpuDemandMilli();
        for (int n = 0, count = cluster.nodeCount(); n < count; n++) {
            if (!cluster.fits(n, pod)) {
                continue;
            }
            double left = (cluster.cpuFree(n) - pod.cpuMilli()) / CPU_SCALE * 0.5
                    + (cluster.gpuFreeTotal(n) - gpuDemand) / GPU_SCALE * 0.5;
            long score = (long) ((1.0 - left) * 100);
            if (score > bestScore || (score == bestScore && rank[n] < rank[best])) {
                best = n;
                bestScore = score;
            }
        }
        return best < 0 ? SharePlacement.NONE : new SharePlacement(best, GpuChoice.tightest(cluster, best, pod));
    }
}
