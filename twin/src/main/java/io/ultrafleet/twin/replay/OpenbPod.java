package io.ultrafleet.twin.replay;

import java.util.List;

/**
 * One pod of an openb pod list ({@code name,cpu_milli,memory_mib,num_gpu,gpu_milli[,gpu_spec,...]}).
 *
 * @param name the pod's name
 * @param cpuMilli milli-CPU
 * @param memoryMib memory in MiB
 * @param gpus number of GPUs ({@code num_gpu}); 0 for a CPU-only pod
 * @param gpuMilli milli-GPU on each of those GPUs; below 1000 only for a single GPU; 0 for a CPU-only pod
 * @param gpuModels the GPU models the pod may run on ({@code gpu_spec}, split at {@code |}); empty for any. Kept
 *     only for pods that ask for a GPU.
 */
public record OpenbPod(String name, int cpuMilli, long memoryMib, int gpus, int gpuMilli, List<String> gpuModels) {
    public OpenbPod {
        gpuModels = List.copyOf(gpuModels);
    }

    /** Milli-GPU the pod asks for in all. */
    public long gpuDemandMilli() {
        return (long) gpus * gpuMilli;
    }
}
