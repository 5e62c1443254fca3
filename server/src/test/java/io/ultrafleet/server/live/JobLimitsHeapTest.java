package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default limit on live jobs is what the heap holds at two kilobytes a job, and never below 10,000. */
class JobLimitsHeapTest {
    @Test
    void theDefaultLimitFollowsTheHeap() {
        assertThat(JobLimits.fromHeap(2L << 30)).isEqualTo(1_048_576);
        assertThat(JobLimits.fromHeap(6L << 30)).isEqualTo(3_145_728);
        assertThat(JobLimits.fromHeap(1L << 20)).isEqualTo(10_000);
        JobLimits given = new JobLimits(500, 0);
        assertThat(given.server()).isEqualTo(500);
        assertThat(given.perTenant()).isEqualTo(Long.MAX_VALUE);
        assertThat(new JobLimits(0, 7).server())
                .isEqualTo(JobLimits.fromHeap(Runtime.getRuntime().maxMemory()));
    }
}
