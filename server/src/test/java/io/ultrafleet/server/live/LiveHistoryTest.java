package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.server.store.FleetSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts' samples in memory: recent ones as taken, older ones one a minute, none past a week; stored as JSON. */
class LiveHistoryTest {
    private static LiveHistory.Sample sample(long at, long submitted) {
        return new LiveHistory.Sample(
                at,
                List.of("gb200", "h100"),
                new long[] {72, 8},
                new long[] {0, 24},
                new long[] {submitted, 3},
                new long[] {1});
    }

    @Test
    void recentSamplesAreKeptAsTakenAndOlderOnesOneAMinute() {
        LiveHistory h = new LiveHistory();
        int n = LiveHistory.RECENT + 3_000;
        for (int i = 0; i < n; i++) {
            h.add(sample(i * 2_000L, i)); // every 2 s of the server's clock
        }
        List<LiveHistory.Sample> all = h.since(0);
        // 3,000 samples left the recent ones, 2 s apart: one in every 30 (a minute) is kept
        assertThat(all).hasSize(LiveHistory.RECENT + 100);
        for (int i = 1; i < 100; i++) {
            assertThat(all.get(i).at() - all.get(i - 1).at()).isEqualTo(LiveHistory.THINNED_MS);
        }
        assertThat(all.get(100).at()).isEqualTo(3_000 * 2_000L);
        assertThat(h.latest().at()).isEqualTo((n - 1) * 2_000L);
        assertThat(h.since((n - 2) * 2_000L)).hasSize(2);
    }

    @Test
    void nothingOlderThanAWeekIsKeptAndASampleNotLaterThanTheLatestIsNotAdded() {
        LiveHistory h = new LiveHistory();
        h.add(sample(0, 1));
        h.add(sample(60_000, 2));
        h.add(sample(60_000, 3)); // a second sample of the same instant
        h.add(sample(30_000, 4)); // a clock behind the former leader's
        assertThat(h.since(0)).extracting(s -> s.submitted()[0]).containsExactly(1L, 2L);
        h.add(sample(LiveHistory.RETAIN_MS + 30_000, 5));
        assertThat(h.since(0))
                .extracting(LiveHistory.Sample::at)
                .containsExactly(60_000L, LiveHistory.RETAIN_MS + 30_000);
    }

    @Test
    void aNewLeaderCountsOnFromTheLatestSampleSoThatNoCountGoesDown() {
        LiveHistory h = new LiveHistory();
        h.add(sample(60_000, 7)); // the former leader's: 7 and 3 submitted, 1 started
        QueueTallies tallies = new QueueTallies();
        tallies.submitted(1);
        tallies.submitted(1);
        tallies.submitted(1);
        tallies.submitted(1);
        tallies.submitted(1); // this server's own count from when it led before: 5 in queue 1
        StoredSamples stored = new StoredSamples(null);
        stored.lead(h, tallies);
        assertThat(tallies.submittedCopy()).containsExactly(7, 5);
        assertThat(tallies.startedCopy()).containsExactly(1);
        // the next sample stored is a minute of the server's clock after the latest
        Changes changes = new Changes();
        h.add(sample(90_000, 8));
        assertThat(stored.due(h, changes)).isFalse();
        h.add(sample(120_000, 9));
        assertThat(stored.due(h, changes)).isTrue();
        assertThat(changes.sampleAt).isEqualTo(120_000);
        stored.committed();
        h.add(sample(150_000, 9));
        assertThat(stored.due(new LiveHistory(), new Changes())).isFalse();
        assertThat(stored.due(h, new Changes())).isFalse();
    }

    @Test
    void aStoredSampleReadsBackAsItWasAndABrokenOneIsLeftOut() {
        LiveHistory.Sample s = sample(123_456, 7);
        LiveHistory.Sample back = StoredSamples.decode(new FleetSamples.Row(123_456, StoredSamples.encode(s)));
        assertThat(back.at()).isEqualTo(123_456);
        assertThat(back.models()).containsExactly("gb200", "h100");
        assertThat(back.allocated()).containsExactly(72, 8);
        assertThat(back.free()).containsExactly(0, 24);
        assertThat(back.submitted()).containsExactly(7, 3);
        assertThat(back.started()).containsExactly(1);
        for (String broken : new String[] {
            "",
            "{",
            "[]",
            "{\"models\":[\"a\"],\"allocated\":[1],\"free\":[],\"submitted\":[],\"started\":[]}",
            "{\"models\":[],\"allocated\":[],\"free\":[],\"submitted\":[\"x\"],\"started\":[]}"
        }) {
            assertThat(StoredSamples.decode(new FleetSamples.Row(1, broken)))
                    .as(broken)
                    .isNull();
        }
    }
}
