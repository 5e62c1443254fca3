package io.ultrafleet.scheduling.share;

/**
 * What a policy may know besides the cluster: how ties between equally good nodes break, and the workload's pod-type
 * mix (for fragmentation-aware policies).
 *
 * @param tieRank one entry per node; among equally scored nodes the lowest rank wins. A run draws it at random per
 *     seed, as a real scheduler's arbitrary but fixed node order would be.
 * @param modelCount number of GPU models in the cluster (model ids are {@code 0 .. modelCount-1})
 * @param mix the pod types the workload is made of, with their shares
 */
public record PolicyContext(int[] tieRank, int modelCount, PodMix mix) {
    public PolicyContext {
        tieRank = tieRank.clone();
        if (modelCount < 0 || modelCount > Long.SIZE) {
            throw new IllegalArgumentException("modelCount " + modelCount + ": allowed 0..64");
        }
    }

    /** Ties break by node id; the mix as given. */
    public static PolicyContext inNodeOrder(ShareCluster cluster, PodMix mix) {
        int[] rank = new int[cluster.nodeCount()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i;
        }
        return new PolicyContext(rank, cluster.modelNames().size(), mix);
    }

    @Override
    public int[] tieRank() {
        return tieRank.clone();
    }
}
