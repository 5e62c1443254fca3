package io.ultrafleet.scheduling.share;

/**
 * What one pod asks of a node: milli-CPU, memory in MiB and either no GPU, whole GPUs, or a fraction of one GPU.
 *
 * <p>{@code gpus == 0}: CPU only, {@code gpuMilli} is 0. {@code gpuMilli == 1000}: {@code gpus} whole GPUs. {@code
 * 0 < gpuMilli < 1000}: a share of one GPU ({@code gpus == 1}). {@code allowedModels} is a bit set over the
 * cluster's GPU model ids ({@link ShareCluster#modelMask}); {@link #ANY_MODEL} allows every model. A CPU-only pod
 * runs on any node, whatever its model set says.
 *
 * @param cpuMilli milli-CPU, {@code >= 0}
 * @param memoryMib memory in MiB, {@code >= 0}
 * @param gpus number of GPUs, {@code >= 0}
 * @param gpuMilli milli-GPU taken on each of those GPUs, 1..1000 (0 when {@code gpus == 0})
 * @param allowedModels bit {@code m} set: the pod may run on GPU model {@code m}
 */
public record ShareRequest(int cpuMilli, long memoryMib, int gpus, int gpuMilli, long allowedModels) {
    /** Every GPU model. */
    public static final long ANY_MODEL = -1L;
    /** Milli-GPU in one whole GPU. */
    public static final int MILLI_PER_GPU = 1000;

    public ShareRequest {
        if (cpuMilli < 0 || memoryMib < 0 || gpus < 0) {
            throw new IllegalArgumentException(
                    "negative request: cpu " + cpuMilli + ", memory " + memoryMib + ", gpus " + gpus);
        }
        if (gpus == 0 && gpuMilli != 0) {
            throw new IllegalArgumentException("gpuMilli " + gpuMilli + " without a GPU");
        }
        if (gpus > 0 && (gpuMilli < 1 || gpuMilli > MILLI_PER_GPU)) {
            throw new IllegalArgumentException("gpuMilli " + gpuMilli + ": allowed 1..1000");
        }
        if (gpus > 1 && gpuMilli != MILLI_PER_GPU) {
            throw new IllegalArgumentException("a fraction of a GPU is for one GPU only, not " + gpus);
        }
    }

    /** True if the pod takes part of one GPU. */
    public boolean isShare() {
        return gpus == 1 && gpuMilli < MILLI_PER_GPU;
    }

    /** Milli-GPU the pod takes in all: {@code gpus * gpuMilli}. */
    public long gpuDemandMilli() {
        return (long) gpus * gpuMilli;
    }

    /** True if the pod may run on a node whose GPUs are of model {@code model}. */
    public boolean allowsModel(int model) {
        return gpus == 0 || (model >= 0 && model < 64 && (allowedModels >>> model & 1L) != 0);
    }
}
