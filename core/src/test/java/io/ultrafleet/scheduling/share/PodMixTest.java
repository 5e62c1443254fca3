package io.ultrafleet.scheduling.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodMixTest {
    @Test
    void typicalKeepsTheMostCommonTypesUpToTheCoverageAndRenormalises() {
        List<ShareRequest> pods = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pods.add(Pods.share(4_000, 500).memory(1_000 + i).build());
        }
        for (int i = 0; i < 3; i++) {
            pods.add(Pods.whole(8_000, 2).build());
        }
        pods.add(Pods.cpu(2_000).build());
        PodMix mix = PodMix.typical(pods, 0.9);
        assertThat(mix.size()).isEqualTo(2);
        assertThat(mix.type(0)).isEqualTo(new ShareRequest(4_000, 0, 1, 500, ShareRequest.ANY_MODEL));
        assertThat(mix.share(0)).isCloseTo(6 / 9.0, within(1e-12));
        assertThat(mix.type(1).gpus()).isEqualTo(2);
        assertThat(mix.share(1)).isCloseTo(3 / 9.0, within(1e-12));
        assertThat(PodMix.typical(pods, 1.0).size()).isEqualTo(3);
    }

    @Test
    void equallyCommonTypesAreOrderedByLargerCpuFirst() {
        List<ShareRequest> pods = List.of(
                Pods.cpu(1_000).build(),
                Pods.cpu(3_000).build(),
                Pods.cpu(2_000).build());
        PodMix mix = PodMix.typical(pods, 1.0);
        assertThat(mix.type(0).cpuMilli()).isEqualTo(3_000);
        assertThat(mix.type(1).cpuMilli()).isEqualTo(2_000);
        assertThat(mix.type(2).cpuMilli()).isEqualTo(1_000);
    }

    @Test
    void refusesEmptyInput() {
        assertThatThrownBy(() -> PodMix.typical(List.of(), 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PodMix.typical(List.of(Pods.cpu(1).build()), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
