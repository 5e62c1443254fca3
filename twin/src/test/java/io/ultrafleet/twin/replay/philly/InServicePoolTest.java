package io.ultrafleet.twin.replay.philly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InServicePoolTest {
    /** 6 servers of 8 GPUs, 3 of 4, 1 of 2 and 2 without GPUs, interleaved. */
    static List<PhillyMachine> machines() {
        List<PhillyMachine> m = new ArrayList<>();
        int[] gpus = {8, 4, 0, 8, 8, 4, 2, 8, 0, 8, 4, 8};
        for (int i = 0; i < gpus.length; i++) {
            m.add(new PhillyMachine("m" + i, gpus[i]));
        }
        return m;
    }

    @Test
    void keepsTheMixOfServerSizesInFileOrder() {
        List<PhillyMachine> pool = InServicePool.choose(machines(), 5);
        // 10 servers with GPUs, half of them: 3 of the 6 eights, 1.5 of the 3 fours, 0.5 of the one two; the
        // largest remainders (0.5 each) go to the larger size first.
        assertThat(pool).extracting(PhillyMachine::name).containsExactly("m0", "m1", "m3", "m4", "m5");
    }

    @Test
    void allServersWithGpusWhenAskedForAll() {
        assertThat(InServicePool.choose(machines(), 10))
                .extracting(PhillyMachine::gpus)
                .doesNotContain(0)
                .hasSize(10);
    }

    @Test
    void noMoreThanTheServersWithGpus() {
        assertThatThrownBy(() -> InServicePool.choose(machines(), 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed 1..10");
    }
}
