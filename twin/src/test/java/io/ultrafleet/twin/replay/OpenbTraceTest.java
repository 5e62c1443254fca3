package io.ultrafleet.twin.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenbTraceTest {
    static final String NODE_HEADER = "sn,cpu_milli,memory_mib,gpu,model\n";
    static final String POD_HEADER =
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,"
                    + "scheduled_time\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsNodesAndPodsWithGpuSpecsAndExtraColumns() throws IOException {
        Path nodes = write("nodes.csv", NODE_HEADER + "n0,64000,262144,2,P100\nn1,32000,131072,0,\n");
        List<OpenbNode> ns = OpenbTrace.readNodes(nodes);
        assertThat(ns)
                .containsExactly(
                        new OpenbNode("n0", 64_000, 262_144, 2, "P100"), new OpenbNode("n1", 32_000, 131_072, 0, ""));
        Path pods = write(
                "pods.csv",
                POD_HEADER
                        + "p0,12000,16384,1,1000,,LS,Running,0,12537496,0\n"
                        + "p1,6000,12288,1,460,P100|V100M16,LS,Running,1,2,1\n"
                        + "\n"
                        + "p2,88000,327680,8,1000,\"G2|\",Burstable,Succeeded,9,10,9\n"
                        + "p3,4000,8192,0,0,T4,BE,Running,3,4,3\n");
        List<OpenbPod> ps = OpenbTrace.readPods(pods);
        assertThat(ps).hasSize(4);
        assertThat(ps.get(1).gpuModels()).containsExactly("P100", "V100M16");
        assertThat(ps.get(2).gpuModels()).containsExactly("G2");
        assertThat(ps.get(2).gpuDemandMilli()).isEqualTo(8_000);
        assertThat(ps.get(3).gpuModels())
                .as("a CPU-only pod's gpu_spec is not kept")
                .isEmpty();
    }

    @Test
    void acceptsTheShortMultiGpuFormat() throws IOException {
        Path pods = write("multi.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,12000,16384,4,1000\n");
        assertThat(OpenbTrace.readPods(pods)).containsExactly(new OpenbPod("p0", 12_000, 16_384, 4, 1_000, List.of()));
    }

    @Test
    void badValuesAreRefusedWithFileLineAndField() throws IOException {
        assertPodError("p0,abc,1,0,0,,,,,,\n", ":2: field 'cpu_milli': found 'abc', allowed an integer >= 0");
        assertPodError("p0,1,1,0,0,,,,,,\np1,1,-5,0,0,,,,,,\n", ":3: field 'memory_mib': found -5");
        assertPodError("p0,1,1,0,300,,,,,,\n", ":2: field 'gpu_milli': found 300 for a pod without GPUs");
        assertPodError("p0,1,1,2,500,,,,,,\n", ":2: field 'gpu_milli': found 500 for a pod of 2 GPUs");
        assertPodError("p0,1,1,1,1200,,,,,,\n", ":2: field 'gpu_milli': found 1200, allowed an integer 0..1000");
        assertPodError("p0,1,1,1,0,,,,,,\n", ":2: field 'gpu_milli': found 0 for a pod of one GPU");
        assertPodError("p0,1,1,99,1000,,,,,,\n", ":2: field 'num_gpu': found 99, allowed an integer 0..32");
        assertPodError(",1,1,0,0,,,,,,\n", ":2: field 'name': found nothing");
        assertPodError("p0,1,1,0,0\n", ":2: found 5 fields, allowed 11");
        assertPodError("p0,\"1,1,0,0,,,,,,\n", ":2: a quoted field is not closed");
    }

    private void assertPodError(String rows, String expected) throws IOException {
        Path pods = write("bad.csv", POD_HEADER + rows);
        assertThatThrownBy(() -> OpenbTrace.readPods(pods))
                .isInstanceOf(OpenbTraceException.class)
                .hasMessageStartingWith(pods.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void headerAndFileProblems() throws IOException {
        Path noGpuMilli = write("h.csv", "name,cpu_milli,memory_mib,num_gpu\np0,1,1,0\n");
        assertThatThrownBy(() -> OpenbTrace.readPods(noGpuMilli))
                .isInstanceOf(OpenbTraceException.class)
                .hasMessage(noGpuMilli + ":1: field 'gpu_milli': missing column; the header has: "
                        + "name,cpu_milli,memory_mib,num_gpu");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> OpenbTrace.readNodes(empty)).hasMessageStartingWith(empty + ": empty file");
        Path headerOnly = write("header.csv", NODE_HEADER);
        assertThatThrownBy(() -> OpenbTrace.readNodes(headerOnly)).hasMessage(headerOnly + ": no nodes");
        Path missing = tmp.resolve("nope.csv");
        assertThatThrownBy(() -> OpenbTrace.readNodes(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void badNodesAreRefused() throws IOException {
        Path dup = write("dup.csv", NODE_HEADER + "n0,1,1,1,T4\nn0,1,1,1,T4\n");
        assertThatThrownBy(() -> OpenbTrace.readNodes(dup))
                .hasMessage(dup + ":3: field 'sn': found 'n0' again (first on line 2), allowed a unique name");
        Path noModel = write("nomodel.csv", NODE_HEADER + "n0,1,1,2,\n");
        assertThatThrownBy(() -> OpenbTrace.readNodes(noModel))
                .isInstanceOf(OpenbTraceException.class)
                .hasMessageContaining(":2: field 'model': found nothing for a node with 2 GPUs");
        Path tooMany = write("many.csv", NODE_HEADER + "n0,1,1,33,T4\n");
        assertThatThrownBy(() -> OpenbTrace.readNodes(tooMany)).hasMessageContaining(":2: field 'gpu': found 33");
    }
}
