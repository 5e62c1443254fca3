package io.ultrafleet.scheduling.share;

/**
 * A node's fragmentation ({@link Fragmentation}) now, cached per node version, and after each distinct way to place
 * a pod on it: for a share of a GPU, one way per GPU that holds it (GPUs with equal free give equal results, so only
 * the lowest-indexed of them is tried); for whole GPUs, the lowest-indexed free ones; for a CPU-only pod, the CPU.
 */
final class FragmentationDeltas {
    private final Fragmentation measure;
    private final int[] beforeStamp;
    private final double[] before;
    private final int[] scratch = new int[ShareCluster.MAX_GPUS_PER_NODE];
    private final int[] freeOf = new int[ShareCluster.MAX_GPUS_PER_NODE];
    /** Fragmentation after the i-th way, for i below what {@link #evaluate} returned. */
    final double[] after = new double[ShareCluster.MAX_GPUS_PER_NODE];
    /** The GPUs of the i-th way. */
    final int[] masks = new int[ShareCluster.MAX_GPUS_PER_NODE];

    FragmentationDeltas(PolicyContext context, int nodes) {
        measure = new Fragmentation(context.mix(), context.modelCount());
        beforeStamp = new int[nodes];
        before = new double[nodes];
    }

    /** The node's fragmentation as it is. */
    double before(ShareView cluster, int node) {
        int v = cluster.version(node);
        if (beforeStamp[node] != v) {
            before[node] = measure.ofNode(cluster, node, scratch);
            beforeStamp[node] = v;
        }
        return before[node];
    }

    /** Fills {@link #after} and {@link #masks} for each way to place the pod; returns how many (0 if none). */
    int evaluate(ShareView cluster, int node, ShareRequest pod) {
        int n = cluster.gpuCount(node);
        int cpu = cluster.cpuFree(node) - pod.cpuMilli();
        int model = cluster.model(node);
        for (int g = 0; g < n; g++) {
            scratch[g] = cluster.gpuFree(node, g);
        }
        if (pod.gpus() == 0) {
            after[0] = measure.of(model, cpu, scratch, n);
            masks[0] = 0;
            return 1;
        }
        int milli = pod.gpuMilli();
        if (!pod.isShare()) {
            int mask = GpuChoice.first(cluster, node, pod);
            if (mask < 0) {
                return 0;
            }
            for (int m = mask; m != 0; m &= m - 1) {
                scratch[Integer.numberOfTrailingZeros(m)] -= milli;
            }
            after[0] = measure.of(model, cpu, scratch, n);
            masks[0] = mask;
            return 1;
        }
        int ways = 0;
        for (int g = 0; g < n; g++) {
            int f = scratch[g];
            if (f < milli || seen(f, ways)) {
                continue;
            }
            scratch[g] = f - milli;
            after[ways] = measure.of(model, cpu, scratch, n);
            scratch[g] = f;
            masks[ways] = 1 << g;
            freeOf[ways] = f;
            ways++;
        }
        return ways;
    }

    private boolean seen(int free, int ways) {
        for (int i = 0; i < ways; i++) {
            if (freeOf[i] == free) {
                return true;
            }
        }
        return false;
    }
}
