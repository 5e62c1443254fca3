package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.StateRevision;
import io.ultrafleet.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby reads the whole state again only when the stored state moved since its last read: a leader's commit that
 * changed it, or a job submitted on any server. Asked while nothing moved, it reads nothing; a commit that changes
 * nothing (the leader's clock) does not move it either.
 */
class StateReadsTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();
    private static final ScenarioSpec SPEC = BuiltInSpecs.defaultScenario(CATALOGUE);
    private static final long NOW = SPEC.startMs() + 3_600_000L;

    /** Counts the reads of the whole state. */
    private static final class Reads implements LoopMeter {
        int reads;

        @Override
        public void cycle(long nanos, CycleResult result) {}

        @Override
        public void commit(long nanos, boolean ok) {}

        long rows;

        @Override
        public void stateRead(long nanos, long rowsFromDatabase) {
            reads++;
            rows += rowsFromDatabase;
        }
    }

    @Test
    void aStandbyReadsTheStateAgainOnlyWhenItMoved(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            StoredQueues.of(db, SPEC);
            Leadership leader = Leadership.sole(db, () -> NOW);
            Reads meter = new Reads();
            StateReads standby = new StateReads(db, SPEC, CATALOGUE, null, meter, standingBy());
            LiveState state = standby.follow(NOW);
            assertThat(meter.reads).isEqualTo(1);

            assertThat(standby.changedSince(NOW, state)).as("nothing moved").isFalse();
            Changes clockOnly = new Changes();
            clockOnly.clockMs = NOW;
            ChangeWriter.commit(db, leader, clockOnly);
            assertThat(standby.changedSince(NOW, state))
                    .as("the leader's clock is not the state")
                    .isFalse();

            // a commit of the leader that changes the state: units its executor cannot use
            Changes out = new Changes();
            out.unitsOut = Map.of(0, 1L);
            ChangeWriter.commit(db, leader, out);
            assertThat(standby.changedSince(NOW, state)).isTrue();
            state = standby.follow(NOW);
            assertThat(meter.reads).isEqualTo(2);
            assertThat(state.fleet().rackDownMask(0)).isEqualTo(1L);
            assertThat(standby.changedSince(NOW, state)).isFalse();

            // a job submitted (on any server): the job id counter moves
            db.inTransaction(h -> {
                h.execute("UPDATE counters SET val = val + 1 WHERE name = 'job_id'");
                return null;
            });
            assertThat(standby.changedSince(NOW, state)).isTrue();
            standby.follow(NOW);
            assertThat(db.withHandle(StateRevision::read)).isEqualTo(new StateRevision(1, 1, 1));

            // after leading, the state in memory is this server's own: the next read is of the whole state
            standby.followNow();
            assertThat(standby.changedSince(NOW, state)).isTrue();
            // a delivery of racks due: read, whatever the revision says
            LiveState read = standby.follow(NOW);
            assertThat(standby.changedSince(read.nextFleetChangeAt(), read)).isTrue();
        }
    }

    @Test
    void aStandbyReadKeepsItsRowsForTheReadThatMakesItLeadWhichKeepsNone(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            int queue = StoredQueues.of(db, SPEC).get("research/adhoc").id();
            for (long id = 1; id <= 40; id++) {
                LiveLoaderTest.insertQueued(db, id, queue, SPEC.startMs());
            }
            java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean();
            Reads meter = new Reads();
            StateReads reads = new StateReads(db, SPEC, CATALOGUE, null, meter, leadership(leads::get));
            reads.follow(NOW);
            assertThat(reads.rowsFetched()).as("a first read takes every row").isEqualTo(40);

            LiveLoaderTest.insertQueued(db, 41, queue, SPEC.startMs());
            leads.set(true); // the lease came while the standby read: what it read is kept all the same
            reads.follow(NOW);
            assertThat(reads.rowsFetched()).as("only the new job").isEqualTo(1);
            LiveState rebuilt = reads.load(NOW);
            assertThat(rebuilt.liveJobs()).isEqualTo(41);
            assertThat(reads.rowsFetched())
                    .as("the read that leads, from the standby's rows")
                    .isZero();
            reads.load(NOW);
            assertThat(reads.rowsFetched())
                    .as("a leader keeps none: its next read is whole")
                    .isEqualTo(41);
        }
    }

    /** A leadership that never leads: a standby's. */
    private static Leadership standingBy() {
        return leadership(() -> false);
    }

    /** A leadership that leads when {@code leads} says so, and commits nothing. */
    private static Leadership leadership(java.util.function.BooleanSupplier leads) {
        return new Leadership() {
            @Override
            public boolean leads() {
                return leads.getAsBoolean();
            }

            @Override
            public long epoch() {
                return 0;
            }

            @Override
            public String leaderUrl() {
                return null;
            }

            @Override
            public void fence(Handle h) {
                throw new Fenced("a standby commits nothing");
            }

            @Override
            public void onChange(Runnable r) {}

            @Override
            public void start(String url) {}

            @Override
            public void close() {}
        };
    }
}
