package io.ultrafleet.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.server.Postgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines of jobs' histories as the loop appends them: numbered by the server for the jobs it counted from their
 * submission, and by the database, after the last line it holds, for jobs a server read back from it (which it does
 * not count as it reads a large state).
 */
class JobEventsTest {
    @Test
    void aJobReadBackHasItsNewLinesNumberedAfterItsLastOne(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            numbersLines(db);
        }
    }

    @Test
    void onPostgresqlToo(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg = Postgres.start(dir.resolve("postgres.log"));
                Database db = Database.postgres(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
            numbersLines(db);
        }
    }

    private static void numbersLines(Database db) {
        db.inTransaction(h -> {
            PreparedBatch jobs = StoreRows.jobsOfOneQueue(h);
            for (long id = 1; id <= 3; id++) {
                jobs.bind("id", id).bind("state", "queued").add();
            }
            jobs.execute();
            return null;
        });
        // job 1 has three lines already, job 2 none; job 3 is counted by the server
        db.inTransaction(h -> {
            JobEvents.append(
                    h,
                    List.of(
                            new JobEvents.NewEvent(1, 1, 10, "a"),
                            new JobEvents.NewEvent(1, 2, 11, "b"),
                            new JobEvents.NewEvent(1, 3, 12, "c")));
            return null;
        });
        db.inTransaction(h -> {
            JobEvents.append(
                    h,
                    List.of(
                            new JobEvents.NewEvent(1, JobEvents.NEXT, 20, "d"),
                            new JobEvents.NewEvent(2, JobEvents.NEXT, 21, "first"),
                            new JobEvents.NewEvent(3, 1, 22, "counted"),
                            new JobEvents.NewEvent(1, JobEvents.NEXT, 23, "e"),
                            new JobEvents.NewEvent(2, JobEvents.NEXT, 24, "second"),
                            new JobEvents.NewEvent(3, 2, 25, "counted too")));
            return null;
        });
        db.withHandle(h -> {
            assertThat(JobEvents.of(h, 1, 0, 100))
                    .containsExactly(
                            new JobEvents.Event(1, 10, "a"),
                            new JobEvents.Event(2, 11, "b"),
                            new JobEvents.Event(3, 12, "c"),
                            new JobEvents.Event(4, 20, "d"),
                            new JobEvents.Event(5, 23, "e"));
            assertThat(JobEvents.of(h, 2, 0, 100))
                    .containsExactly(new JobEvents.Event(1, 21, "first"), new JobEvents.Event(2, 24, "second"));
            assertThat(JobEvents.of(h, 3, 0, 100))
                    .containsExactly(new JobEvents.Event(1, 22, "counted"), new JobEvents.Event(2, 25, "counted too"));
            return null;
        });
    }
}
