package io.ultrafleet.scheduling.share;

/**
 * Where a policy puts a pod: a node and the GPUs on it, as a bit set over the node's GPU indexes ({@code 0} for a
 * CPU-only pod). {@link #NONE} when no node fits.
 */
public record SharePlacement(int node, int gpuMask) {
    /** No node fits. */
    public static final SharePlacement NONE = new SharePlacement(-1, 0);

    /** True if a node was found. */
    public boolean found() {
        return node >= 0;
    }
}
