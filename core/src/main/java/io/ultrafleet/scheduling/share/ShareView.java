package io.ultrafleet.scheduling.share;

/**
 * The read-only face of {@link ShareCluster}: what a {@link SharePolicy} may look at. Nodes are int ids {@code 0 ..
 * nodeCount()-1}; GPUs are indexes {@code 0 .. gpuCount(node)-1} on their node.
 */
public interface ShareView {
    int nodeCount();

    String nodeName(int node);

    /** The node's GPU model id, or -1 for a node without GPUs. */
    int model(int node);

    int cpuCapacity(int node);

    int cpuFree(int node);

    long memoryCapacity(int node);

    long memoryFree(int node);

    int gpuCount(int node);

    /** Free milli-GPU on one GPU of the node, 0..1000. */
    int gpuFree(int node, int gpu);

    /** Free milli-GPU summed over the node's GPUs. */
    int gpuFreeTotal(int node);

    /** GPUs of the node that are wholly free. */
    int wholeGpusFree(int node);

    /** The most free milli-GPU on any one GPU of the node (0 without GPUs). */
    int maxGpuFree(int node);

    /** A counter that changes whenever the node's free resources change; for caches keyed by node state. */
    int version(int node);

    /** Milli-GPU of all GPUs of the cluster. */
    long gpuCapacityMilli();

    /** Milli-GPU taken by placed pods. */
    long gpuAllocatedMilli();

    /** True if {@code pod} fits on {@code node} now: CPU, memory, GPU model and enough free GPU. */
    boolean fits(int node, ShareRequest pod);
}
