package io.ultrafleet.twin.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the openb traces of the Alibaba GPU cluster trace v2023 (the FGD paper's data): a node list and a pod list.
 * Columns are found by name in the header, so extra columns (qos, times, ...) are ignored and {@code gpu_spec} may be
 * absent. Every value is checked; the first bad one stops the read with an {@link OpenbTraceException} naming file,
 * line and column.
 */
public final class OpenbTrace {
    /** Most GPUs on one node or asked for by one pod. */
    public static final int MAX_GPUS = 32;

    /** Most nodes in a node list. */
    public static final int MAX_NODES = 100_000;

    /** Most pods in a pod list. */
    public static final int MAX_PODS = 1_000_000;

    /** Most memory of a node or a pod, in MiB (1 PiB). */
    public static final long MAX_MEMORY_MIB = 1L << 30;

    private static final List<String> NODE_COLUMNS = List.of("sn", "cpu_milli", "memory_mib", "gpu", "model");
    private static final List<String> POD_COLUMNS = List.of("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli");

    private OpenbTrace() {}

    /** The nodes of a node list, in file order. */
    public static List<OpenbNode> readNodes(Path file) {
        List<OpenbNode> nodes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        CsvTable.read(file, NODE_COLUMNS, MAX_NODES, row -> {
            String name = row.required("sn");
            Integer first = seen.putIfAbsent(name, row.line());
            if (first != null) {
                throw row.error(
                        "sn",
                        "found " + CsvTable.shown(name) + " again (first on line " + first
                                + "), allowed a unique name");
            }
            int cpu = (int) row.integer("cpu_milli", 0, Integer.MAX_VALUE);
            long memory = row.integer("memory_mib", 0, MAX_MEMORY_MIB);
            int gpus = (int) row.integer("gpu", 0, MAX_GPUS);
            String model = row.text("model");
            if (gpus > 0 && model.isEmpty()) {
                throw row.error("model", "found nothing for a node with " + gpus + " GPUs, allowed a GPU model name");
            }
            nodes.add(new OpenbNode(name, cpu, memory, gpus, gpus > 0 ? model : ""));
        });
        if (nodes.isEmpty()) {
            throw new OpenbTraceException(file.toString(), 0, "", "no nodes");
        }
        return nodes;
    }

    /** The pods of a pod list, in file order. */
    public static List<OpenbPod> readPods(Path file) {
        List<OpenbPod> pods = new ArrayList<>();
        CsvTable.read(file, POD_COLUMNS, MAX_PODS, row -> {
            String name = row.required("name");
            int cpu = (int) row.integer("cpu_milli", 0, Integer.MAX_VALUE);
            long memory = row.integer("memory_mib", 0, MAX_MEMORY_MIB);
            int gpus = (int) row.integer("num_gpu", 0, MAX_GPUS);
            int milli = (int) row.integer("gpu_milli", 0, 1000);
            if (gpus == 0 && milli != 0) {
                throw row.error("gpu_milli", "found " + milli + " for a pod without GPUs (num_gpu 0), allowed 0");
            }
            if (gpus == 1 && milli == 0) {
                throw row.error("gpu_milli", "found 0 for a pod of one GPU, allowed an integer 1..1000");
            }
            if (gpus > 1 && milli != 1000) {
                throw row.error(
                        "gpu_milli",
                        "found " + milli + " for a pod of " + gpus
                                + " GPUs, allowed 1000 (a fraction of a GPU is for one-GPU pods only)");
            }
            List<String> models = new ArrayList<>();
            if (gpus > 0) {
                for (String m : row.text("gpu_spec").split("\\|")) {
                    if (!m.isBlank()) {
                        models.add(m.trim());
                    }
                }
            }
            pods.add(new OpenbPod(name, cpu, memory, gpus, milli, models));
        });
        if (pods.isEmpty()) {
            throw new OpenbTraceException(file.toString(), 0, "", "no pods");
        }
        return pods;
    }
}
