package io.ultrafleet.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read of every job in a state, as a server rebuilding its state makes it, on the embedded database: in id order,
 * from the index's order as the rows are fetched, not from a sorted copy of them all.
 */
class JobsInStateTest {
    private static final int JOBS = 5_000;

    @Test
    void jobsInAStateComeInIdOrderFromTheIndexWithoutASort(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            db.inTransaction(h -> {
                PreparedBatch jobs = StoreRows.jobsOfOneQueue(h);
                // inserted out of id order, and in three states
                for (long i = 0; i < JOBS; i++) {
                    long id = (i * 7_919) % JOBS + 1;
                    jobs.bind("id", id)
                            .bind("state", id % 5 == 0 ? "running" : id % 7 == 0 ? "succeeded" : "queued")
                            .add();
                }
                jobs.execute();
                return null;
            });
            String plan = db.withHandle(h -> h.createQuery("EXPLAIN " + Jobs.IN_STATE)
                    .bind("state", "queued")
                    .mapTo(String.class)
                    .one());
            assertThat(plan).as("the plan of the read").contains("index sorted");
            List<Long> ids = new ArrayList<>();
            db.withHandle(h -> {
                Jobs.forEachVersionedInState(h, "queued", r -> ids.add(r.row().id()));
                return null;
            });
            long expected = 0;
            for (long id = 1; id <= JOBS; id++) {
                if (id % 5 != 0 && id % 7 != 0) {
                    expected++;
                }
            }
            assertThat(ids).hasSize((int) expected).isSorted();
            assertThat(ids.get(0)).isEqualTo(1);
            // the standby's scan of ids and versions: the same order, from the same index
            String versionsPlan = db.withHandle(h -> h.createQuery("EXPLAIN " + Jobs.VERSIONS_IN_STATE)
                    .bind("state", "queued")
                    .mapTo(String.class)
                    .one());
            assertThat(versionsPlan).as("the plan of the scan").contains("index sorted");
            List<Long> scanned = new ArrayList<>();
            db.withHandle(h -> {
                Jobs.forEachVersionInState(h, "queued", (id, version) -> scanned.add(id));
                return null;
            });
            assertThat(scanned).isEqualTo(ids);
        }
    }
}
