package io.ultrafleet.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The histories' next sequence numbers a server reads as it rebuilds its state, on the embedded database. */
class JobEventsTest {
    /** More live jobs than H2 keeps in memory for one result, as set below. */
    private static final int LIVE = 45_000;

    private static final int ENDED = 500;

    @Test
    void nextSeqsCoversEveryLiveJobOfALargeStateAndNoEndedOne(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            db.inTransaction(h -> {
                PreparedBatch jobs = StoreRows.jobsOfOneQueue(h);
                PreparedBatch events =
                        h.prepareBatch("INSERT INTO job_events (job_id, seq, at, text) VALUES (:job, :seq, 0, 'e')");
                for (long id = 1; id <= LIVE + ENDED; id++) {
                    String state = id > LIVE ? "completed" : id % 3 == 0 ? "running" : "queued";
                    jobs.bind("id", id).bind("state", state).add();
                    for (int seq = 1; id % 100 == 1 && seq <= id % 4; seq++) { // most have none, as queued jobs
                        events.bind("job", id).bind("seq", seq).add();
                    }
                }
                jobs.execute();
                events.execute();
                return null;
            });
            // H2 keeps up to 40,000 rows of a result in memory per GiB of heap (80,000 for a server run with -Xmx2g):
            // this test's result of 45,000 rows must go to disk as a larger server's would
            db.withHandle(h -> h.execute("SET MAX_MEMORY_ROWS 40000"));
            Map<Long, Integer> next = db.inSnapshot(JobEvents::nextSeqs);
            long withEvents = 0;
            for (long id = 1; id <= LIVE; id++) {
                if (id % 100 == 1 && id % 4 != 0) {
                    withEvents++;
                    assertThat(next.get(id)).as("job %d", id).isEqualTo((int) (id % 4) + 1);
                }
            }
            assertThat(next).hasSize((int) withEvents);
        }
    }
}
