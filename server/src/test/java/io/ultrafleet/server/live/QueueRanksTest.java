package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.workload.JobState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that ran through a change of its queue's class keeps the priority it started with while it runs, and takes
 * the queue's new one when it waits again: here after its run was lost (a node failed under it), the loss's line
 * first, then the re-ranking's.
 */
class QueueRanksTest {
    private static final String BODY = "{\"queue\":\"research/adhoc\",\"gpus\":4,\"duration\":\"10h\"}";

    @Test
    void aJobWhoseRunIsLostWaitsAgainAtItsQueuesNewPriority(@TempDir Path dir) {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        ScenarioSpec spec = BuiltInSpecs.defaultScenario(catalogue);
        long now = spec.startMs() + 10 * 86_400_000L; // racks of the first delivery online
        try (Database db = Database.embedded(dir)) {
            QueueRow adhoc = StoredQueues.of(db, spec).get("research/adhoc");
            long started = now - 3_600_000L;
            db.inTransaction(h -> {
                h.createUpdate("INSERT INTO jobs (id, tenant, queue_id, name, state, body, gpus, priority,"
                                + " submitted_at, started_at, first_started_at, runs, allocated_gpus) VALUES (1,"
                                + " 'research', :queue, 'job-1', 'running', :body, 4, 100, :at, :at, :at, 1, 4)")
                        .bind("queue", adhoc.id())
                        .bind("body", BODY)
                        .bind("at", started)
                        .execute();
                h.execute("INSERT INTO held_units (rack, unit, job_id) VALUES (0, 0, 1)");
                return null;
            });
            StoredQueues.changeClass(db, adhoc, "training");

            LiveState state = LiveLoader.load(db, spec, catalogue, null, now, new ParsedBodies());
            LiveJob lj = state.job(1);
            assertThat(lj.job.state()).isEqualTo(JobState.RUNNING);
            assertThat(lj.job.priority())
                    .as("running: the priority it started with")
                    .isEqualTo(100);
            assertThat(state.ranks().owesWrites())
                    .as("a running job is not behind")
                    .isFalse();

            state.lost(1, now, "node failure");
            assertThat(lj.job.state()).isEqualTo(JobState.PENDING);
            assertThat(lj.job.priority()).as("waiting again: its queue's").isEqualTo(500);
            state.turn().collect();
            List<String> lines =
                    state.turn().changes().events.stream().map(e -> e.text()).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("interrupted by a failure (node failure)");
            assertThat(lines.get(1)).isEqualTo("priority now 500: its queue's priority class is now training");
            assertThat(state.turn().changes().jobs.get(1L).row().priority()).isEqualTo(500);
        }
    }
}
