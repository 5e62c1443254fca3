package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.FleetSamples;
import io.ultrafleet.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charts' samples in memory: recent ones as taken, older ones one a minute, none past a week; stored as JSON; a new
 * leader's counts go on from the stored ones with what came after them.
 */
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
        stored.lead(h, tallies, at -> new long[0]);
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
    void aNewLeaderCountsOnWithWhatTheFormerCountedAfterItsLastStoredSample(@TempDir Path dir) {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        ScenarioSpec spec = BuiltInSpecs.defaultScenario(catalogue);
        long at = 600_000; // the former leader's last stored sample: 7 and 3 submitted, 1 started
        try (Database db = Database.embedded(dir)) {
            StoredQueues.of(db, spec);
            db.inTransaction(h -> {
                FleetSamples.add(h, at, StoredSamples.encode(sample(at, 7)), 0);
                // submitted before the sample (counted in it), after it, and ended with a run started before or after
                var b = h.prepareBatch("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus, priority,"
                        + " submitted_at, started_at, ended_at) VALUES (:id, 't', :queue, :name, :state, '{}', 8, 100,"
                        + " :submitted, :started, :ended)");
                long[][] jobs = {
                    // queue, submitted, started, ended (-1: none)
                    {0, at - 5_000, at - 4_000, at + 9_000},
                    {0, at + 1_000, -1, -1},
                    {1, at + 2_000, at + 3_000, at + 8_000},
                    {1, at + 4_000, -1, -1},
                    {1, at - 9_000, at + 5_000, at + 7_000},
                    {2, at + 6_000, at + 6_500, -1}
                };
                for (int i = 0; i < jobs.length; i++) {
                    long[] j = jobs[i];
                    b.bind("id", i + 1)
                            .bind("queue", (int) j[0])
                            .bind("name", "job-" + (i + 1))
                            .bind("state", j[3] >= 0 ? "succeeded" : j[2] >= 0 ? "running" : "queued")
                            .bind("submitted", j[1])
                            .bind("started", j[2] >= 0 ? j[2] : null)
                            .bind("ended", j[3] >= 0 ? j[3] : null)
                            .add();
                }
                b.execute();
                return null;
            });
            LiveHistory h = new LiveHistory();
            StoredSamples stored = new StoredSamples(db);
            stored.catchUp(h, at + 60_000);
            QueueTallies tallies = new QueueTallies();
            // the jobs the new leader holds: queue 2's running one started after the sample
            stored.lead(h, tallies, after -> {
                assertThat(after).isEqualTo(at);
                return new long[] {0, 0, 1};
            });
            assertThat(tallies.submittedCopy()).containsExactly(7 + 1, 3 + 2, 1);
            assertThat(tallies.startedCopy()).containsExactly(1, 2, 1);
        }
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
