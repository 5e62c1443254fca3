package io.ultrafleet.scheduling.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShareClusterTest {
    private static ShareCluster twoNodes() {
        return ShareCluster.builder()
                .node("a", 16_000, 64_000, 2, "T4")
                .node("b", 8_000, 32_000, 0, null)
                .build();
    }

    @Test
    void allocateAndReleaseKeepTheBooks() {
        ShareCluster c = twoNodes();
        ShareRequest half = Pods.share(4_000, 500).memory(1_000).build();
        c.allocate(0, 0b10, half);
        assertThat(c.cpuFree(0)).isEqualTo(12_000);
        assertThat(c.memoryFree(0)).isEqualTo(63_000);
        assertThat(c.gpuFree(0, 1)).isEqualTo(500);
        assertThat(c.gpuFreeTotal(0)).isEqualTo(1_500);
        assertThat(c.wholeGpusFree(0)).isEqualTo(1);
        assertThat(c.maxGpuFree(0)).isEqualTo(1_000);
        assertThat(c.gpuAllocatedMilli()).isEqualTo(500);
        c.release(0, 0b10, half);
        assertThat(c.gpuFreeTotal(0)).isEqualTo(2_000);
        assertThat(c.cpuFree(0)).isEqualTo(16_000);
        assertThat(c.gpuAllocatedMilli()).isZero();
    }

    @Test
    void refusesOverCommitAndLeavesTheNodeUnchanged() {
        ShareCluster c = twoNodes();
        c.allocate(0, 0b01, Pods.share(1_000, 700).build());
        int version = c.version(0);
        assertThatThrownBy(() -> c.allocate(0, 0b01, Pods.share(1_000, 400).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("300 milli free");
        assertThatThrownBy(() -> c.allocate(0, 0b10, Pods.share(17_000, 100).build()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.allocate(
                        0, 0b10, Pods.share(1_000, 100).memory(65_000).build()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.allocate(0, 0b11, Pods.whole(1_000, 1).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs 1 GPUs");
        assertThatThrownBy(() -> c.allocate(0, 0b100, Pods.whole(1_000, 1).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("beyond");
        assertThatThrownBy(
                        () -> c.allocate(0, 0b10, Pods.whole(1_000, 1).models(0).build()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.release(0, 0b10, Pods.whole(1_000, 1).build()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(c.version(0)).isEqualTo(version);
        assertThat(c.gpuFree(0, 0)).isEqualTo(300);
        assertThat(c.gpuFree(0, 1)).isEqualTo(1_000);
        assertThat(c.cpuFree(0)).isEqualTo(15_000);
    }

    @Test
    void fitsChecksCpuMemoryModelAndGpus() {
        ShareCluster c = twoNodes();
        long t4 = 1L << c.modelId("T4");
        assertThat(c.fits(1, Pods.cpu(8_000).build())).isTrue();
        assertThat(c.fits(1, Pods.cpu(8_001).build())).isFalse();
        assertThat(c.fits(1, Pods.share(1_000, 100).build())).isFalse();
        assertThat(c.fits(0, Pods.whole(1_000, 2).build())).isTrue();
        assertThat(c.fits(0, Pods.whole(1_000, 3).build())).isFalse();
        assertThat(c.fits(0, Pods.whole(1_000, 1).models(t4).build())).isTrue();
        assertThat(c.fits(0, Pods.whole(1_000, 1).models(~t4).build())).isFalse();
        assertThat(c.fits(0, Pods.cpu(1_000).models(0).build()))
                .as("CPU-only pods ignore models")
                .isTrue();
        c.allocate(0, 0b01, Pods.share(0, 600).build());
        c.allocate(0, 0b10, Pods.share(0, 600).build());
        assertThat(c.fits(0, Pods.share(0, 400).build())).isTrue();
        assertThat(c.fits(0, Pods.share(0, 401).build())).isFalse();
        assertThat(c.fits(0, Pods.whole(0, 1).build())).isFalse();
    }

    @Test
    void copiesAreIndependent() {
        ShareCluster c = twoNodes();
        ShareCluster d = c.copy();
        d.allocate(0, 0b01, Pods.whole(1_000, 1).build());
        assertThat(c.gpuFreeTotal(0)).isEqualTo(2_000);
        assertThat(d.gpuFreeTotal(0)).isEqualTo(1_000);
        assertThat(c.gpuCapacityMilli()).isEqualTo(2_000);
    }

    @Test
    void modelMaskLeavesOutModelsNoNodeHas() {
        ShareCluster c = ShareCluster.builder()
                .node("a", 1, 1, 1, "A10")
                .node("b", 1, 1, 1, "T4")
                .build();
        assertThat(c.modelNames()).containsExactly("A10", "T4");
        assertThat(c.modelMask(List.of("T4", "H100"))).isEqualTo(0b10);
        assertThat(c.modelMask(List.of("H100"))).isZero();
    }

    @Test
    void requestsRefuseImpossibleShapes() {
        assertThatThrownBy(() -> new ShareRequest(1, 1, 2, 500, ShareRequest.ANY_MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareRequest(1, 1, 0, 500, ShareRequest.ANY_MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareRequest(1, 1, 1, 1_001, ShareRequest.ANY_MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareRequest(-1, 1, 0, 0, ShareRequest.ANY_MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ShareRequest(1, 1, 4, 1_000, 1).gpuDemandMilli()).isEqualTo(4_000);
    }
}
