package io.ultrafleet.scheduling.share;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Nodes whose GPUs can be shared: per node milli-CPU, memory (MiB) and the free milli-GPU of each GPU, all in
 * parallel arrays indexed by node id, the GPUs of all nodes in one flat {@code int[]}. The only writers are {@link
 * #allocate} and {@link #release}; both refuse a change that would over-commit or free more than the capacity.
 */
public final class ShareCluster implements ShareView {
    /** Most GPUs on one node: a placement names its GPUs in an {@code int} bit set. */
    public static final int MAX_GPUS_PER_NODE = 32;

    private static final int MILLI = ShareRequest.MILLI_PER_GPU;

    private final List<String> modelNames;
    private final String[] names;
    private final int[] model;
    private final int[] cpuCapacity;
    private final long[] memoryCapacity;
    private final int[] gpuStart;
    private final long gpuCapacityMilli;

    private final int[] cpuFree;
    private final long[] memoryFree;
    private final int[] gpuFree;
    private final int[] gpuFreeTotal;
    private final int[] wholeGpusFree;
    private final int[] maxGpuFree;
    private final int[] version;
    private long gpuAllocatedMilli;

    private ShareCluster(Builder b) {
        int n = b.names.size();
        modelNames = List.copyOf(b.modelNames);
        names = b.names.toArray(new String[0]);
        model = b.model.stream().mapToInt(Integer::intValue).toArray();
        cpuCapacity = b.cpu.stream().mapToInt(Integer::intValue).toArray();
        memoryCapacity = b.memory.stream().mapToLong(Long::longValue).toArray();
        gpuStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            gpuStart[i + 1] = gpuStart[i] + b.gpus.get(i);
        }
        gpuCapacityMilli = (long) gpuStart[n] * MILLI;
        cpuFree = cpuCapacity.clone();
        memoryFree = memoryCapacity.clone();
        gpuFree = new int[gpuStart[n]];
        Arrays.fill(gpuFree, MILLI);
        gpuFreeTotal = new int[n];
        wholeGpusFree = new int[n];
        maxGpuFree = new int[n];
        version = new int[n];
        for (int i = 0; i < n; i++) {
            refresh(i);
        }
    }

    private ShareCluster(ShareCluster o) {
        modelNames = o.modelNames;
        names = o.names;
        model = o.model;
        cpuCapacity = o.cpuCapacity;
        memoryCapacity = o.memoryCapacity;
        gpuStart = o.gpuStart;
        gpuCapacityMilli = o.gpuCapacityMilli;
        cpuFree = o.cpuFree.clone();
        memoryFree = o.memoryFree.clone();
        gpuFree = o.gpuFree.clone();
        gpuFreeTotal = o.gpuFreeTotal.clone();
        wholeGpusFree = o.wholeGpusFree.clone();
        maxGpuFree = o.maxGpuFree.clone();
        version = o.version.clone();
        gpuAllocatedMilli = o.gpuAllocatedMilli;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An independent copy with the same nodes and the same free resources (for runs side by side). */
    public ShareCluster copy() {
        return new ShareCluster(this);
    }

    /** GPU model names; the index is the model id. */
    public List<String> modelNames() {
        return modelNames;
    }

    /** The model id of {@code name}, or -1 if no node has that model. */
    public int modelId(String name) {
        return modelNames.indexOf(name);
    }

    /** The bit set of the named models that some node has; names no node has are left out. */
    public long modelMask(Collection<String> allowed) {
        long mask = 0;
        for (String s : allowed) {
            int id = modelId(s);
            if (id >= 0) {
                mask |= 1L << id;
            }
        }
        return mask;
    }

    @Override
    public int nodeCount() {
        return names.length;
    }

    @Override
    public String nodeName(int node) {
        return names[node];
    }

    @Override
    public int model(int node) {
        return model[node];
    }

    @Override
    public int cpuCapacity(int node) {
        return cpuCapacity[node];
    }

    @Override
    public int cpuFree(int node) {
        return cpuFree[node];
    }

    @Override
    public long memoryCapacity(int node) {
        return memoryCapacity[node];
    }

    @Override
    public long memoryFree(int node) {
        return memoryFree[node];
    }

    @Override
    public int gpuCount(int node) {
        return gpuStart[node + 1] - gpuStart[node];
    }

    @Override
    public int gpuFree(int node, int gpu) {
        return gpuFree[gpuStart[node] + gpu];
    }

    @Override
    public int gpuFreeTotal(int node) {
        return gpuFreeTotal[node];
    }

    @Override
    public int wholeGpusFree(int node) {
        return wholeGpusFree[node];
    }

    @Override
    public int maxGpuFree(int node) {
        return maxGpuFree[node];
    }

    @Override
    public int version(int node) {
        return version[node];
    }

    @Override
    public long gpuCapacityMilli() {
        return gpuCapacityMilli;
    }

    @Override
    public long gpuAllocatedMilli() {
        return gpuAllocatedMilli;
    }

    @Override
    public boolean fits(int node, ShareRequest pod) {
        if (cpuFree[node] < pod.cpuMilli() || memoryFree[node] < pod.memoryMib()) {
            return false;
        }
        int k = pod.gpus();
        if (k == 0) {
            return true;
        }
        if (!pod.allowsModel(model[node])) {
            return false;
        }
        if (pod.gpuMilli() == MILLI) {
            return wholeGpusFree[node] >= k;
        }
        return maxGpuFree[node] >= pod.gpuMilli();
    }

    /**
     * Places {@code pod} on {@code node}, taking {@code pod.gpuMilli()} from each GPU in {@code gpuMask}.
     *
     * @throws IllegalStateException if the node cannot hold the pod on those GPUs; nothing is changed then
     */
    public void allocate(int node, int gpuMask, ShareRequest pod) {
        check(node, gpuMask, pod);
        if (cpuFree[node] < pod.cpuMilli() || memoryFree[node] < pod.memoryMib() || !pod.allowsModel(model[node])) {
            throw new IllegalStateException("pod " + pod + " does not fit node " + names[node] + " (cpu free "
                    + cpuFree[node] + ", memory free " + memoryFree[node] + ")");
        }
        int base = gpuStart[node];
        for (int m = gpuMask; m != 0; m &= m - 1) {
            int g = Integer.numberOfTrailingZeros(m);
            if (gpuFree[base + g] < pod.gpuMilli()) {
                throw new IllegalStateException("GPU " + g + " of node " + names[node] + " has " + gpuFree[base + g]
                        + " milli free, pod needs " + pod.gpuMilli());
            }
        }
        cpuFree[node] -= pod.cpuMilli();
        memoryFree[node] -= pod.memoryMib();
        for (int m = gpuMask; m != 0; m &= m - 1) {
            gpuFree[base + Integer.numberOfTrailingZeros(m)] -= pod.gpuMilli();
        }
        gpuAllocatedMilli += pod.gpuDemandMilli();
        refresh(node);
    }

    /**
     * Gives back what {@link #allocate} took.
     *
     * @throws IllegalStateException if that would free more than the node has; nothing is changed then
     */
    public void release(int node, int gpuMask, ShareRequest pod) {
        check(node, gpuMask, pod);
        if (cpuFree[node] + (long) pod.cpuMilli() > cpuCapacity[node]
                || memoryFree[node] + pod.memoryMib() > memoryCapacity[node]) {
            throw new IllegalStateException("release of " + pod + " would exceed node " + names[node] + "'s capacity");
        }
        int base = gpuStart[node];
        for (int m = gpuMask; m != 0; m &= m - 1) {
            int g = Integer.numberOfTrailingZeros(m);
            if (gpuFree[base + g] + pod.gpuMilli() > MILLI) {
                throw new IllegalStateException("release would exceed GPU " + g + " of node " + names[node]);
            }
        }
        cpuFree[node] += pod.cpuMilli();
        memoryFree[node] += pod.memoryMib();
        for (int m = gpuMask; m != 0; m &= m - 1) {
            gpuFree[base + Integer.numberOfTrailingZeros(m)] += pod.gpuMilli();
        }
        gpuAllocatedMilli -= pod.gpuDemandMilli();
        refresh(node);
    }

    private void check(int node, int gpuMask, ShareRequest pod) {
        if (node < 0 || node >= names.length) {
            throw new IllegalStateException("no node " + node);
        }
        if (Integer.bitCount(gpuMask) != pod.gpus()) {
            throw new IllegalStateException(
                    "pod needs " + pod.gpus() + " GPUs, placement names " + Integer.bitCount(gpuMask));
        }
        int count = gpuCount(node);
        if (count < MAX_GPUS_PER_NODE && (gpuMask >>> count) != 0) {
            throw new IllegalStateException("GPU mask " + Integer.toBinaryString(gpuMask) + " beyond node "
                    + names[node] + "'s " + count + " GPUs");
        }
    }

    private void refresh(int node) {
        int total = 0;
        int whole = 0;
        int max = 0;
        for (int i = gpuStart[node]; i < gpuStart[node + 1]; i++) {
            int f = gpuFree[i];
            total += f;
            max = Math.max(max, f);
            if (f == MILLI) {
                whole++;
            }
        }
        gpuFreeTotal[node] = total;
        wholeGpusFree[node] = whole;
        maxGpuFree[node] = max;
        version[node]++;
    }

    /** Adds nodes one by one; node ids follow the order of {@link #node} calls. */
    public static final class Builder {
        private final List<String> modelNames = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<Integer> model = new ArrayList<>();
        private final List<Integer> cpu = new ArrayList<>();
        private final List<Long> memory = new ArrayList<>();
        private final List<Integer> gpus = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a node.
         *
         * @param gpuModel the GPU model name; ignored (may be null) when {@code gpuCount == 0}
         */
        public Builder node(String name, int cpuMilli, long memoryMib, int gpuCount, String gpuModel) {
            if (cpuMilli < 0 || memoryMib < 0 || gpuCount < 0 || gpuCount > MAX_GPUS_PER_NODE) {
                throw new IllegalArgumentException("node " + name + ": cpu " + cpuMilli + ", memory " + memoryMib
                        + ", gpus " + gpuCount + " (allowed: non-negative, at most " + MAX_GPUS_PER_NODE
                        + " GPUs)");
            }
            int id = -1;
            if (gpuCount > 0) {
                if (gpuModel == null || gpuModel.isEmpty()) {
                    throw new IllegalArgumentException("node " + name + " has GPUs but no GPU model");
                }
                id = modelNames.indexOf(gpuModel);
                if (id < 0) {
                    if (modelNames.size() == Long.SIZE) {
                        throw new IllegalArgumentException("more than 64 GPU models");
                    }
                    modelNames.add(gpuModel);
                    id = modelNames.size() - 1;
                }
            }
            names.add(name);
            model.add(id);
            cpu.add(cpuMilli);
            memory.add(memoryMib);
            gpus.add(gpuCount);
            return this;
        }

        public ShareCluster build() {
            return new ShareCluster(this);
        }
    }
}
