package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.JobEvents;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.spec.ScenarioSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows and history lines of waiting jobs that a change of their queue's class re-ranked are written a few thousand
 * a turn, each job's line before any later line of its history; a server that stopped before it wrote them all
 * re-ranks the rest when it reads its state again, and writes them then.
 */
class RerankWritesTest {
    private static final String BODY = "{\"queue\":\"research/adhoc\",\"gpus\":8,\"duration\":\"1h\"}";

    private static final String LINE = "priority now 500: its queue's priority class is now training";
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();
    private static final ScenarioSpec SPEC = BuiltInSpecs.defaultScenario(CATALOGUE);
    private static final long NOW = SPEC.startMs() + 3_600_000L;
    private static final int JOBS = RerankWrites.PER_TURN + 10;

    @Test
    void aServerThatStoppedBeforeWritingThemAllWritesTheRestAfterItsRestart(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            QueueRow adhoc = StoredQueues.of(db, SPEC).get("research/adhoc");
            storeQueued(db, adhoc, SPEC.startMs(), JOBS);
            // the queue's new class committed, and the server stopped before it wrote any of its jobs
            StoredQueues.changeClass(db, adhoc, "training");

            LiveState state = LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies());
            assertThat(state.job(1).job.priority())
                    .as("taken from its queue as read")
                    .isEqualTo(500);
            assertThat(state.job(JOBS).job.priority()).isEqualTo(500);
            assertThat(state.ranks().owesWrites()).isTrue();
            assertThat(state.ranks().owing()).isEqualTo(JOBS);

            // a line of job 7's history before its turn comes: the owed line goes first
            state.event(state.job(7), NOW + 1, "waiting: something else");
            assertThat(state.ranks().owing()).isEqualTo(JOBS - 1);
            int turns = writeAllOwed(db, state);
            assertThat(turns).as("two turns for PER_TURN + 10 jobs").isEqualTo(2);
            assertThat(state.ranks().owing()).isZero();

            db.withHandle(h -> {
                for (long id : new long[] {1, 7, RerankWrites.PER_TURN, JOBS}) {
                    assertThat(Jobs.get(h, id).orElseThrow().priority())
                            .as("job %d's row", id)
                            .isEqualTo(500);
                }
                assertThat(JobEvents.of(h, 1, 0, 10))
                        .extracting(JobEvents.Event::text)
                        .containsExactly(LINE);
                assertThat(JobEvents.of(h, 7, 0, 10))
                        .extracting(JobEvents.Event::text)
                        .containsExactly(LINE, "waiting: something else");
                assertThat(JobEvents.of(h, JOBS, 0, 10))
                        .extracting(JobEvents.Event::text)
                        .containsExactly(LINE);
                return null;
            });

            // read again: nothing is behind, nothing owed
            LiveState again = LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies());
            assertThat(again.ranks().owesWrites()).isFalse();
            assertThat(again.job(1).job.priority()).isEqualTo(500);
        }
    }

    @Test
    void aSecondChangeOfClassBeforeTheFirstsLinesAreWrittenKeepsBothInEachHistory(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            QueueRow adhoc = StoredQueues.of(db, SPEC).get("research/adhoc");
            storeQueued(db, adhoc, SPEC.startMs(), JOBS);
            LiveState state = LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies());
            assertThat(state.ranks().owesWrites()).isFalse();

            // to training, then back to research a second later, both before a single row is written
            assertThat(state.changeQueue(
                            StoredQueues.inClass(adhoc, "training"),
                            500,
                            state.queues().quotas(adhoc.id()),
                            NOW))
                    .isTrue();
            assertThat(state.changeQueue(adhoc, 100, state.queues().quotas(adhoc.id()), NOW + 1_000))
                    .isTrue();
            assertThat(state.ranks().owing())
                    .as("each job owes once, with two lines")
                    .isEqualTo(JOBS);
            assertThat(state.job(1).job.priority()).isEqualTo(100);
            // a line of job 7's history before its turn comes: both owed lines go first, in order
            state.event(state.job(7), NOW + 2_000, "waiting: something else");
            writeAllOwed(db, state);
            String back = "priority now 100: its queue's priority class is now research";
            db.withHandle(h -> {
                for (long id : new long[] {1, RerankWrites.PER_TURN + 5}) {
                    assertThat(JobEvents.of(h, id, 0, 10))
                            .as("job %d's history", id)
                            .extracting(JobEvents.Event::text, JobEvents.Event::at)
                            .containsExactly(tuple(LINE, NOW), tuple(back, NOW + 1_000));
                    assertThat(Jobs.get(h, id).orElseThrow().priority()).isEqualTo(100);
                }
                assertThat(JobEvents.of(h, 7, 0, 10))
                        .extracting(JobEvents.Event::text)
                        .containsExactly(LINE, back, "waiting: something else");
                return null;
            });
        }
    }

    /** Commits turns until every owed row and line is written, each turn within its share; the turns it took. */
    private static int writeAllOwed(Database db, LiveState state) {
        Leadership sole = Leadership.sole(db, () -> NOW);
        int turns = 0;
        while (state.ranks().owesWrites()) {
            state.payReranks();
            state.turn().collect();
            assertThat(state.turn().changes().jobs.size())
                    .as("rows written in turn %d", turns)
                    .isLessThanOrEqualTo(RerankWrites.PER_TURN + 1);
            ChangeWriter.commit(db, sole, state.turn().changes());
            state.turn().committed();
            turns++;
        }
        return turns;
    }

    /** Stores {@code jobs} queued jobs of 8 GPUs in {@code queue}, at priority 100, ids from 1. */
    private static void storeQueued(Database db, QueueRow queue, long startMs, int jobs) {
        db.inTransaction(h -> {
            var b = h.prepareBatch("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus, priority,"
                    + " submitted_at) VALUES (:id, 'research', :queue, :name, 'queued', :body, 8, 100, :at)");
            for (long id = 1; id <= jobs; id++) {
                b.bind("id", id)
                        .bind("queue", queue.id())
                        .bind("name", "job-" + id)
                        .bind("body", BODY)
                        .bind("at", startMs + id)
                        .add();
            }
            b.execute();
            return null;
        });
    }
}
