package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.JobProgress;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.Jobs;
import io.ultrafleet.server.store.StateRevision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby's reads of the live jobs' rows: after the first, only the new rows and those the leader updated come from
 * the database, and what the read hands on is what a whole read would (rows kept without their bodies), in id order.
 */
class FollowedRowsTest {
    private static final String[] LIVE = {JobRow.RUNNING, JobRow.QUEUED};

    @Test
    void aReadAfterTheFirstTakesOnlyNewAndChangedRowsAndHandsOnWhatAWholeReadWould(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            SplittableRandom rnd = new SplittableRandom(3);
            insert(db, 1, 400, rnd);
            FollowedRows rows = new FollowedRows();
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).as("a first read takes every live row").isEqualTo(live(db).size());
            int kept = rows.size();

            for (int round = 0; round < 5; round++) {
                // the leader updates some (starts, ends, new wait reasons), and jobs are submitted
                List<JobRow> all = live(db);
                List<JobProgress> updates = new ArrayList<>();
                for (JobRow r : all) {
                    if (rnd.nextInt(10) == 0) {
                        String state = r.state().equals(JobRow.QUEUED)
                                ? (rnd.nextBoolean() ? JobRow.RUNNING : JobRow.QUEUED)
                                : (rnd.nextBoolean() ? JobRow.SUCCEEDED : JobRow.RUNNING);
                        updates.add(new JobProgress(
                                r.id(),
                                state,
                                r.priority() + 1,
                                r.runs() + 1,
                                null,
                                null,
                                null,
                                0,
                                8,
                                "no_capacity",
                                "round " + round,
                                null,
                                null,
                                null,
                                null));
                    }
                }
                db.inTransaction(h -> {
                    Jobs.updateAll(h, updates);
                    return null;
                });
                int added = 1 + rnd.nextInt(30);
                long from = 1_000 + round * 100L;
                insert(db, from, added, rnd);
                int changed = (int) updates.stream()
                        .filter(u -> !u.state().equals(JobRow.SUCCEEDED))
                        .count();

                assertSameAsWhole(db, rows);
                assertThat(rows.fetched())
                        .as("round %d: only the %d updated live rows and the %d new ones", round, changed, added)
                        .isEqualTo(changed + added);
                assertThat(rows.size()).isEqualTo(live(db).size());
            }
            assertThat(kept).isPositive();

            // every queued job re-ranked at once: the queued rows are read in one pass, the running ones by id
            List<JobProgress> reranked = new ArrayList<>();
            for (JobRow r : live(db)) {
                if (r.state().equals(JobRow.QUEUED)) {
                    reranked.add(new JobProgress(
                            r.id(),
                            r.state(),
                            r.priority() + 5,
                            r.runs(),
                            null,
                            null,
                            null,
                            0,
                            0,
                            r.waitReason(),
                            r.waitDetail(),
                            null,
                            null,
                            null,
                            null));
                }
            }
            db.inTransaction(h -> {
                Jobs.updateAll(h, reranked);
                return null;
            });
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).isEqualTo(reranked.size());
        }
    }

    @Test
    void aReadThatFailsKeepsWhatTheReadBeforeItKept(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            insert(db, 1, 50, new SplittableRandom(4));
            FollowedRows rows = new FollowedRows();
            assertSameAsWhole(db, rows);
            insert(db, 100, 5, new SplittableRandom(5));
            rows.begin();
            assertThatThrownBy(() -> db.inSnapshot(h -> {
                        rows.forEachInState(h, JobRow.QUEUED, r -> {
                            throw new IllegalArgumentException("a body that does not parse");
                        });
                        return null;
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).as("the five new rows, read again").isEqualTo(5);
        }
    }

    @Test
    void aCommitOfALeaderThatMovesNoVersionsMakesTheNextReadWhole(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            insert(db, 1, 30, new SplittableRandom(8));
            FollowedRows rows = new FollowedRows();
            assertSameAsWhole(db, rows);
            // a leader of this version: its commit moves both counters, and the versions of what it updates
            db.inTransaction(h -> {
                StateRevision.bump(h);
                h.execute("UPDATE jobs SET priority = 7, row_version = row_version + 1 WHERE id = 3");
                return null;
            });
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).isEqualTo(1);
            // a leader of the version before: the commit moves the revision alone, and no row's version
            db.inTransaction(h -> {
                h.execute("UPDATE counters SET val = val + 1 WHERE name = 'state_rev'");
                h.execute("UPDATE jobs SET priority = 9 WHERE id = 4");
                return null;
            });
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).as("every row, and job 4 as it is now").isEqualTo(live(db).size());
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).as("then, with nothing changed, none").isZero();
        }
    }

    @Test
    void rowsBeyondWhatTheHeapKeepsAreNotKeptAndEveryReadIsWhole(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            insert(db, 1, 40, new SplittableRandom(7));
            FollowedRows rows = new FollowedRows(39);
            assertSameAsWhole(db, rows);
            assertThat(rows.size()).as("40 rows, 39 allowed: none kept").isZero();
            assertSameAsWhole(db, rows);
            assertThat(rows.fetched()).isEqualTo(40);
            FollowedRows enough = new FollowedRows(40);
            assertSameAsWhole(db, enough);
            assertSameAsWhole(db, enough);
            assertThat(enough.fetched()).isZero();
        }
    }

    /** Reads the live rows with {@code rows} and holds them to a whole read of the same database. */
    private static void assertSameAsWhole(Database db, FollowedRows rows) {
        List<JobRow> followed = new ArrayList<>();
        rows.begin();
        db.inSnapshot(h -> {
            rows.at(StateRevision.read(h));
            for (String state : LIVE) {
                rows.forEachInState(h, state, followed::add);
            }
            return null;
        });
        rows.keep();
        List<JobRow> whole = live(db);
        assertThat(followed).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            JobRow f = followed.get(i);
            assertThat(f).usingRecursiveComparison().ignoringFields("body").isEqualTo(whole.get(i));
            if (f.body() != null) {
                assertThat(f.body()).isEqualTo(whole.get(i).body());
            }
        }
    }

    private static List<JobRow> live(Database db) {
        List<JobRow> out = new ArrayList<>();
        db.withHandle(h -> {
            for (String state : LIVE) {
                Jobs.forEachVersionedInState(h, state, v -> out.add(v.row()));
            }
            return null;
        });
        return out;
    }

    private static void insert(Database db, long firstId, int n, SplittableRandom rnd) {
        db.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM queues")
                            .mapTo(Integer.class)
                            .one()
                    == 0) {
                h.execute("INSERT INTO tenants (name, created_at) VALUES ('t', 0)");
                h.execute("INSERT INTO queues (id, tenant, name, priority_class, weight, settings)"
                        + " VALUES (1, 't', 'q', 'research', 1, '{}')");
            }
            PreparedBatch b = h.prepareBatch("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus,"
                    + " priority, submitted_at) VALUES (:id, 't', 1, 'j', :state, :body, 8, 0, 0)");
            for (long id = firstId; id < firstId + n; id++) {
                b.bind("id", id)
                        .bind("state", rnd.nextInt(3) == 0 ? JobRow.RUNNING : JobRow.QUEUED)
                        .bind("body", "{\"gpus\": " + id + "}")
                        .add();
            }
            b.execute();
            return null;
        });
    }
}
