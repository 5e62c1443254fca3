package io.ultrafleet.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.forecast.LiveSnapshot;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.ScenarioSpec;
import org.junit.jupiter.api.Test;

/**
 * A live server's snapshot describes the scheduler the server runs: the scenario's scheduler section, except that
 * the server runs a cycle as soon as something changes (the default scenario's {@code cycleInterval: 1m} paces the
 * twin only), so that its forecasts do not wait for cycles the server does not wait for.
 */
class LiveSnapshotsTest {
    @Test
    void theSnapshotsSchedulerRunsACycleAtEveryChangeAsTheServerDoes() {
        HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
        ScenarioSpec spec = BuiltInSpecs.defaultScenario(catalogue);
        assertThat(spec.scheduler().cycleIntervalMs()).isEqualTo(60_000);
        LiveState state = new LiveState(
                FleetLayout.of(spec.fleet(), catalogue),
                spec.scheduler(),
                spec.startMs(),
                null,
                spec.priorityClassNames());
        LiveSnapshot s = LiveSnapshots.of(state, spec, 0);
        assertThat(s.scheduler().cycleIntervalMs()).isZero();
        assertThat(s.scheduler().withCycleInterval(60_000)).isEqualTo(spec.scheduler());
    }
}
