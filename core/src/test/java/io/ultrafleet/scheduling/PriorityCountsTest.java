package io.ultrafleet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriorityCountsTest {
    @Test
    void theLowestPriorityWithAJobFollowsStartsAndEnds() {
        PriorityCounts counts = new PriorityCounts();
        assertThat(counts.lowest()).isEqualTo(Integer.MAX_VALUE);
        counts.add(500);
        counts.add(1000);
        counts.add(100);
        counts.add(100);
        assertThat(counts.lowest()).isEqualTo(100);
        counts.remove(100);
        assertThat(counts.lowest()).isEqualTo(100);
        counts.remove(100);
        assertThat(counts.lowest()).isEqualTo(500);
        counts.remove(500);
        counts.remove(1000);
        assertThat(counts.lowest()).isEqualTo(Integer.MAX_VALUE);
        counts.add(-5);
        assertThat(counts.lowest()).isEqualTo(-5);
    }

    @Test
    void endingAJobThatWasNeverCountedIsAnError() {
        PriorityCounts counts = new PriorityCounts();
        counts.add(100);
        counts.remove(100);
        assertThatThrownBy(() -> counts.remove(100)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> counts.remove(7)).isInstanceOf(IllegalStateException.class);
    }
}
