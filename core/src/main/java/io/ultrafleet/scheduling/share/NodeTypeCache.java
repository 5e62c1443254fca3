package io.ultrafleet.scheduling.share;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a policy worked out for one (pod type, node) pair, a value and a GPU choice, valid while the node's {@link
 * ShareView#version} is unchanged. A placement changes one node, so a pod type seen again costs a lookup on every
 * node but the few that changed since. The type is the request without memory (memory only decides whether a pod
 * fits, which is checked afresh every time).
 */
final class NodeTypeCache {
    private final int nodes;
    private final Map<ShareRequest, Integer> ids = new HashMap<>();
    private int[][] stamp = new int[0][];
    private double[][] value = new double[0][];
    private int[][] gpus = new int[0][];

    NodeTypeCache(int nodes) {
        this.nodes = nodes;
    }

    /** The id of the pod's type, made on first sight. */
    int typeOf(ShareRequest pod) {
        return ids.computeIfAbsent(PodMix.typeOf(pod), k -> grow());
    }

    private int grow() {
        int t = stamp.length;
        stamp = Arrays.copyOf(stamp, t + 1);
        value = Arrays.copyOf(value, t + 1);
        gpus = Arrays.copyOf(gpus, t + 1);
        stamp[t] = new int[nodes];
        value[t] = new double[nodes];
        gpus[t] = new int[nodes];
        return t;
    }

    /** True if an entry was stored for the node at this version (versions start at 1, so 0 means none). */
    boolean has(int type, int node, int version) {
        return stamp[type][node] == version;
    }

    double value(int type, int node) {
        return value[type][node];
    }

    int gpus(int type, int node) {
        return gpus[type][node];
    }

    void put(int type, int node, int version, double v, int gpuMask) {
        stamp[type][node] = version;
        value[type][node] = v;
        gpus[type][node] = gpuMask;
    }
}
