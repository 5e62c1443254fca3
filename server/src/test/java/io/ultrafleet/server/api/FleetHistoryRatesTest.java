package io.ultrafleet.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.server.live.LiveHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts' rates between two samples of the counts of submissions by queue. */
class FleetHistoryRatesTest {
    private static LiveHistory.Sample counts(long at, long... submitted) {
        return new LiveHistory.Sample(at, List.of(), new long[0], new long[0], submitted, new long[0]);
    }

    @Test
    void aRateCountsTheCallersQueuesPerMinute() {
        boolean[] mine = {true, false, true};
        // queue 2 is new in the later sample: all its jobs came between the two
        Double r = FleetHistoryRoutes.rate(counts(0, 10, 5), counts(120_000, 16, 9, 4), mine, true);
        assertThat(r).isEqualTo(5.0);
        assertThat(FleetHistoryRoutes.rate(counts(60_000, 1), counts(60_000, 2), mine, true))
                .isNull();
    }

    @Test
    void aCountThatWentDownCountsAsNoJobsNotAsJobsTakenBack() {
        // a former leader's own last sample, then the new leader's, which went on from the last stored counts
        Double r = FleetHistoryRoutes.rate(counts(0, 50, 7), counts(60_000, 44, 9), new boolean[] {true, true}, true);
        assertThat(r).isEqualTo(2.0);
    }
}
