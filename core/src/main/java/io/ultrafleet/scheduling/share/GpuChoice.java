package io.ultrafleet.scheduling.share;

/** Ways to pick the GPUs on a chosen node, as a bit set over the node's GPU indexes. */
final class GpuChoice {
    private GpuChoice() {}

    /** The lowest-indexed GPUs with enough free; 0 for a CPU-only pod, -1 if the node lacks them. */
    static int first(ShareView cluster, int node, ShareRequest pod) {
        int need = pod.gpus();
        if (need == 0) {
            return 0;
        }
        int mask = 0;
        for (int g = 0, n = cluster.gpuCount(node); g < n; g++) {
            if (cluster.gpuFree(node, g) >= pod.gpuMilli()) {
                mask |= 1 << g;
                if (--need == 0) {
                    return mask;
                }
            }
        }
        return -1;
    }

    /**
     * For a share of one GPU, the GPU with the least free that still holds it (the lowest index among equals); for
     * whole GPUs, {@link #first}.
     */
    static int tightest(ShareView cluster, int node, ShareRequest pod) {
        if (!pod.isShare()) {
            return first(cluster, node, pod);
        }
        int best = -1;
        int bestFree = Integer.MAX_VALUE;
        for (int g = 0, n = cluster.gpuCount(node); g < n; g++) {
            int f = cluster.gpuFree(node, g);
            if (f >= pod.gpuMilli() && f < bestFree) {
                best = g;
                bestFree = f;
            }
        }
        return best < 0 ? -1 : 1 << best;
    }
}
