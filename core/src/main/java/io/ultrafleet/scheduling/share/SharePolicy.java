package io.ultrafleet.scheduling.share;

/**
 * A packing policy: chooses the node and the GPUs for one pod. It only reads the cluster; the caller applies the
 * choice with {@link ShareCluster#allocate} before asking for the next pod. An instance may cache what it learnt
 * about nodes (keyed by {@link ShareView#version}), so it serves one cluster: make a new one per cluster and run.
 */
public interface SharePolicy {
    /** The name it is registered under in {@link SharePolicies}. */
    String name();

    /** The node and GPUs for {@code pod}, or {@link SharePlacement#NONE} if it fits nowhere. */
    SharePlacement place(ShareView cluster, ShareRequest pod);

    /** Makes a policy for one cluster and run. */
    @FunctionalInterface
    interface Factory {
        SharePolicy create(PolicyContext context);
    }
}
