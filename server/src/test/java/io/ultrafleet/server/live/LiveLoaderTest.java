package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the state again, as a standby does every few seconds, parses only the bodies of jobs that came since the
 * last read: a body never changes once stored, and parsing them was most of a read.
 */
class LiveLoaderTest {
    private static final String BODY =
            "{\"queue\":\"research/adhoc\",\"gpus\":8,\"duration\":\"1h\",\"command\":[\"python\",\"train.py\"]}";

    @Test
    void aSecondReadParsesOnlyTheBodiesOfNewJobsAndForgetsEndedOnes(@TempDir Path dir) {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        ScenarioSpec spec = BuiltInSpecs.defaultScenario(catalogue);
        long now = spec.startMs() + 3_600_000L;
        try (Database db = Database.embedded(dir)) {
            int queue = StoredQueues.of(db, spec).get("research/adhoc").id();
            for (long id = 1; id <= 50; id++) {
                insertQueued(db, id, queue, spec.startMs());
            }
            ParsedBodies bodies = new ParsedBodies();
            LiveState first = LiveLoader.load(db, spec, catalogue, null, now, bodies);
            assertThat(first.liveJobs()).isEqualTo(50);
            assertThat(bodies.size()).isEqualTo(50);

            // a body no parse would take: read again from the kept bodies, job 1 is not parsed
            db.withHandle(h -> h.execute("UPDATE jobs SET body = 'not json' WHERE id = 1"));
            db.withHandle(h -> h.execute("UPDATE jobs SET state = 'succeeded' WHERE id = 2"));
            insertQueued(db, 51, queue, spec.startMs() + 60_000L);
            LiveState second = LiveLoader.load(db, spec, catalogue, null, now, bodies);
            assertThat(second.liveJobs()).isEqualTo(50);
            assertThat(second.job(1)).isNotNull();
            assertThat(second.job(1).job.gpus()).isEqualTo(8);
            assertThat(second.job(2)).isNull();
            assertThat(second.job(51)).isNotNull();
            assertThat(second.job(51).command()).containsExactly("python", "train.py");
            assertThat(bodies.size()).as("the ended job left, the new one came").isEqualTo(50);

            // a server with nothing parsed yet reads every body, and says which one it cannot read
            assertThatThrownBy(() -> LiveLoader.load(db, spec, catalogue, null, now, new ParsedBodies()))
                    .hasMessageContaining("job 1");
        }
    }

    @Test
    void aJobStoredBeforeARuleOnSubmissionsWasAddedStillLoads(@TempDir Path dir) {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        ScenarioSpec spec = BuiltInSpecs.defaultScenario(catalogue);
        // what a submission may no longer hold: a blank program, a NUL character, a variable the executor sets; an
        // empty command, a model given twice
        String old = "{\"queue\":\"research/adhoc\",\"gpus\":8,\"duration\":\"1h\","
                + "\"command\":[\" \",\"a\\u0000b\"],\"env\":{\"ULTRAFLEET_RUN\":\"x\",\"DATA\":\"c\\u0000d\"}}";
        String older = "{\"queue\":\"research/adhoc\",\"gpus\":8,\"duration\":\"1h\",\"command\":[],"
                + "\"models\":[\"gb200-nvl72\",\"gb200-nvl72\"]}";
        try (Database db = Database.embedded(dir)) {
            int queue = StoredQueues.of(db, spec).get("research/adhoc").id();
            insertQueued(db, 1, queue, spec.startMs(), old);
            insertQueued(db, 2, queue, spec.startMs(), older);
            LiveState state = LiveLoader.load(db, spec, catalogue, null, spec.startMs() + 60_000L, new ParsedBodies());
            assertThat(state.job(2)).isNotNull();
            assertThat(state.job(2).command()).isEmpty();
            assertThat(state.job(1)).isNotNull();
            assertThat(state.job(1).command()).containsExactly(" ", "a\u0000b");
            assertThat(state.job(1).env()).containsEntry("ULTRAFLEET_RUN", "x").containsEntry("DATA", "c\u0000d");
        }
    }

    @Test
    void readingTheSameRowsAgainGivesTheSameFingerprintAndAnyChangeAnother(@TempDir Path dir) {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        ScenarioSpec spec = BuiltInSpecs.defaultScenario(catalogue);
        long now = spec.startMs() + 3_600_000L;
        try (Database db = Database.embedded(dir)) {
            int queue = StoredQueues.of(db, spec).get("research/adhoc").id();
            for (long id = 1; id <= 5; id++) {
                insertQueued(db, id, queue, spec.startMs());
            }
            ParsedBodies bodies = new ParsedBodies();
            long first = digest(db, spec, catalogue, now, bodies);
            assertThat(digest(db, spec, catalogue, now, bodies))
                    .as("the same rows")
                    .isEqualTo(first);

            Set<Long> seen = new HashSet<>(List.of(first));
            Consumer<String> change = sql -> {
                db.withHandle(h -> h.execute(sql));
                long d = digest(db, spec, catalogue, now, bodies);
                assertThat(seen.add(d)).as("a new fingerprint after: %s", sql).isTrue();
            };
            change.accept("UPDATE jobs SET wait_reason = 'quota' WHERE id = 3");
            change.accept("UPDATE jobs SET priority = 500 WHERE id = 4");
            change.accept("UPDATE jobs SET state = 'cancelled' WHERE id = 5");
            change.accept("INSERT INTO rack_states (rack, draining) VALUES (7, TRUE)");
            change.accept("UPDATE queues SET weight = 2 WHERE id = " + queue);
            insertQueued(db, 6, queue, spec.startMs() + 60_000L);
            assertThat(seen.add(digest(db, spec, catalogue, now, bodies)))
                    .as("a job more")
                    .isTrue();
            // the fleet as delivered by the read's time (the server's clock counts from the scenario's start): the
            // same rows read an hour and 60 days in, with racks delivered between
            long early = digest(db, spec, catalogue, 3_600_000L, bodies);
            long later = digest(db, spec, catalogue, 60L * 86_400_000L, bodies);
            assertThat(later).as("racks delivered since").isNotEqualTo(early);
        }
    }

    /** The fingerprint of the state read at {@code now}. */
    private static long digest(
            Database db, ScenarioSpec spec, HardwareCatalogue catalogue, long now, ParsedBodies bodies) {
        StoredDigest d = new StoredDigest();
        LiveLoader.load(db, spec, catalogue, null, now, bodies, new FollowedRows(), d);
        return d.value();
    }

    static void insertQueued(Database db, long id, int queue, long submittedAt) {
        insertQueued(db, id, queue, submittedAt, BODY);
    }

    private static void insertQueued(Database db, long id, int queue, long submittedAt, String body) {
        db.withHandle(h -> h.createUpdate("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus, priority,"
                        + " submitted_at) VALUES (:id, 'research', :queue, :name, 'queued', :body, 8, 100, :at)")
                .bind("id", id)
                .bind("queue", queue)
                .bind("name", "job-" + id)
                .bind("body", body)
                .bind("at", submittedAt)
                .execute());
    }
}
