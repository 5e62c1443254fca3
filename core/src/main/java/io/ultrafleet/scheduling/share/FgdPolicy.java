package io.ultrafleet.scheduling.share;

/**
 * {@code fgd}: fragmentation gradient descent (Weng et al., USENIX ATC'23). Each node that holds the pod, and on it
 * each way to place it, is scored by how much the placement changes the node's {@link Fragmentation} against the
 * workload's pod mix: {@code floor(100 * sigmoid((before - after) / 1000))}, after the paper's simulator, so that a
 * placement that adds least fragmentation scores highest. The best way on a node is its lowest-indexed best-scoring
 * GPU; the node with the highest score wins, equal scores breaking by the tie rank.
 *
 * <p>The integer score makes placements whose fragmentation differs by less than about 40 milli-GPU tie; the tie
 * rank decides between them, as the node order does in the paper's simulator.
 */
final class FgdPolicy implements SharePolicy {
    static final String NAME = "fgd";

    private final int[] rank;
    private final FragmentationDeltas deltas;
    private final NodeTypeCache cache;

    FgdPolicy(PolicyContext context) {
        rank = context.tieRank();
        deltas = new FragmentationDeltas(context, rank.length);
        cache = new NodeTypeCache(rank.length);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SharePlacement place(ShareView cluster, ShareRequest pod) {
        return bestCachedNode(
                cluster, pod, cache, rank, (node, type, version) -> score(cluster, node, pod, type, version));
    }

    private void score(ShareView cluster, int node, ShareRequest pod, int type, int version) {
        double before = deltas.before(cluster, node);
        int ways = deltas.evaluate(cluster, node, pod);
        long bestScore = -1;
        int bestMask = 0;
        for (int i = 0; i < ways; i++) {
            long s = score(before - deltas.after[i]);
            if (s > bestScore) {
                bestScore = s;
                bestMask = deltas.masks[i];
            }
        }
        cache.put(type, node, version, bestScore, bestMask);
    }

    /** {@code floor(100 * sigmoid(decrease / 1000))}: 50 for no change, higher when fragmentation falls. */
    static long score(double decrease) {
        return (long) (1.0 / (1.0 + Math.exp(-decrease / 1000.0)) * 100.0);
    }

    /** Scores one node for a pod type and stores the result in the cache. */
    @FunctionalInterface
    interface NodeScorer {
        void score(int node, int type, int version);
    }

    /**
     * The highest-scoring node that fits {@code pod}, scores read from {@code cache} (computed by {@code scorer} when
     * a node changed since), ties to the lower {@code rank}.
     */
    static SharePlacement bestCachedNode(
            ShareView cluster, ShareRequest pod, NodeTypeCache cache, int[] rank, NodeScorer scorer) {
        int type = cache.typeOf(pod);
        int best = -1;
        double bestScore = -1;
        for (int n = 0, count = cluster.nodeCount(); n < count; n++) {
            if (!cluster.fits(n, pod)) {
                continue;
            }
            int version = cluster.version(n);
            if (!cache.has(type, n, version)) {
                scorer.score(n, type, version);
            }
            double s = cache.value(type, n);
            if (s > bestScore || (s == bestScore && rank[n] < rank[best])) {
                best = n;
                bestScore = s;
            }
        }
        return best < 0 ? SharePlacement.NONE : new SharePlacement(best, cache.gpus(type, best));
    }
}
