package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.UnitsOut;
import io.ultrafleet.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Units the executor's engine cannot use (a Slurm node down) are stored with the leader's turn, so that a standby's
 * state, which it reads from the database, holds them out of service as the leader's does, and its fingerprint moves
 * when they change; a leader that then takes them back stores that too.
 */
class UnitsOutTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();
    private static final ScenarioSpec SPEC = BuiltInSpecs.defaultScenario(CATALOGUE);
    private static final long NOW = SPEC.startMs() + 3_600_000L;

    @Test
    void aStandbyReadsTheUnitsTheLeadersExecutorCannotUse(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            StoredQueues.of(db, SPEC);
            Leadership sole = Leadership.sole(db, () -> NOW);
            LiveState leader = LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies());
            assertThat(leader.fleet().rackCount()).isGreaterThan(2);
            long before = fingerprint(db);

            // rack 0's first two units and rack 2's fourth: nodes the engine has down
            Map<Integer, Long> down = Map.of(0, 0b11L, 2, 0b1000L);
            assertThat(leader.applyUnavailable(down)).isTrue();
            assertThat(leader.turn().changes().unitsOut).isEqualTo(down);
            commit(db, sole, leader);
            assertThat(db.withHandle(UnitsOut::all)).isEqualTo(down);

            LiveState standby = LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies());
            assertThat(standby.fleet().rackDownMask(0)).isEqualTo(0b11L);
            assertThat(standby.fleet().rackDownMask(2)).isEqualTo(0b1000L);
            assertThat(standby.fleet().rackDownMask(1)).isZero();
            assertThat(standby.changes().isEmpty()).as("a read writes nothing").isTrue();
            long whileDown = fingerprint(db);
            assertThat(whileDown).isNotEqualTo(before);

            // the same units again change nothing, so nothing is written
            assertThat(leader.applyUnavailable(down)).isFalse();
            assertThat(leader.turn().changes().unitsOut).isNull();

            // the nodes come back: the rows go, and a standby's units are back in service
            assertThat(leader.applyUnavailable(Map.of())).isTrue();
            commit(db, sole, leader);
            assertThat(db.withHandle(UnitsOut::all)).isEmpty();
            LiveState after = LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies());
            assertThat(after.fleet().rackDownMask(0)).isZero();
            assertThat(after.fleet().rackDownMask(2)).isZero();
            assertThat(fingerprint(db)).isEqualTo(before);
        }
    }

    private static void commit(Database db, Leadership sole, LiveState state) {
        state.turn().collect();
        assertThat(state.turn().changes().isEmpty())
                .as("the turn has something to write")
                .isFalse();
        ChangeWriter.commit(db, sole, state.turn().changes());
        state.turn().committed();
    }

    private static long fingerprint(Database db) {
        StoredDigest d = new StoredDigest();
        LiveLoader.load(db, SPEC, CATALOGUE, null, NOW, new ParsedBodies(), new FollowedRows(), d);
        return d.value();
    }
}
