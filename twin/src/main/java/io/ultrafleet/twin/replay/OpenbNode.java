package io.ultrafleet.twin.replay;

/**
 * One node of an openb node list ({@code sn,cpu_milli,memory_mib,gpu,model}).
 *
 * @param name the node's serial name ({@code sn})
 * @param cpuMilli milli-CPU
 * @param memoryMib memory in MiB
 * @param gpus number of GPUs, each of 1000 milli-GPU
 * @param model GPU model; empty for a node without GPUs
 */
public record OpenbNode(String name, int cpuMilli, long memoryMib, int gpus, String model) {}
