package io.ultrafleet.scheduling.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectTest {
    @Test
    void everyRankMatchesASortedCopyIncludingLongRunsOfEqualValues() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(400);
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 3 : 1000);
            long[] a = new long[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(distinct);
            }
            long[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            // Several selections on the same array, as a backfill pass makes for gangs of several sizes.
            for (int q = 0; q < 6; q++) {
                int k = rnd.nextInt(n);
                assertThat(Select.kth(a, n, k)).as("trial %d, k %d", trial, k).isEqualTo(sorted[k]);
            }
            long[] firstN = Arrays.copyOf(a, n);
            Arrays.sort(firstN);
            assertThat(firstN)
                    .as("only the first n values are moved, none lost")
                    .isEqualTo(sorted);
        }
    }

    @Test
    void refusesARankOutsideTheValues() {
        assertThatThrownBy(() -> Select.kth(new long[] {1, 2}, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
