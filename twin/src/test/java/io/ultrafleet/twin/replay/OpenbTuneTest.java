package io.ultrafleet.twin.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.scheduling.share.ShareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tuning a pod list down draws and removes the same pods as removing them from the list one at a time (and then tops
 * it up as before), so results do not change.
 */
class OpenbTuneTest {
    @Test
    void removingDownToTheTargetMatchesOneByOneRemoval() {
        SplittableRandom gen = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + gen.nextInt(400);
            List<ShareRequest> pods = new ArrayList<>();
            long demand = 0;
            for (int i = 0; i < n; i++) {
                int gpus = gen.nextInt(3);
                int milli = gpus == 0 ? 0 : gpus == 1 ? 1 + gen.nextInt(1000) : 1000;
                pods.add(new ShareRequest(i, i, gpus, milli, ShareRequest.ANY_MODEL));
                demand += pods.get(i).gpuDemandMilli();
            }
            double target = demand * gen.nextDouble() * 0.9;
            long seed = gen.nextLong();

            List<ShareRequest> expected = new ArrayList<>(pods);
            SplittableRandom a = new SplittableRandom(seed);
            long left = demand;
            while (left > target && !expected.isEmpty()) {
                left -= expected.remove(a.nextInt(expected.size())).gpuDemandMilli();
            }
            if (left < target) {
                while (true) {
                    ShareRequest p = pods.get(a.nextInt(pods.size()));
                    if (left + p.gpuDemandMilli() > target) {
                        break;
                    }
                    expected.add(p);
                    left += p.gpuDemandMilli();
                }
            }

            List<ShareRequest> actual = new ArrayList<>(pods);
            OpenbReplay.tune(actual, pods, target, new SplittableRandom(seed));

            assertThat(actual).as("round %d, %d pods", round, n).isEqualTo(expected);
        }
    }
}
