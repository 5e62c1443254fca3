package io.ultrafleet.twin.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void runsEventsBeforeTheHorizonAndLeavesTheRestQueued() {
        Simulation sim = new Simulation();
        List<Long> seen = new ArrayList<>();
        sim.at(5, seen::add);
        sim.at(10, seen::add);
        sim.at(10, now -> sim.after(0, seen::add));
        sim.at(20, seen::add);
        sim.runUntil(20);
        assertThat(seen).containsExactly(5L, 10L, 10L);
        assertThat(sim.now()).isEqualTo(20);
        assertThat(sim.pending()).isEqualTo(1);
        assertThat(sim.eventsFired()).isEqualTo(4);
    }

    @Test
    void timeListenerSeesEveryAdvanceOnce() {
        Simulation sim = new Simulation();
        List<long[]> steps = new ArrayList<>();
        sim.onAdvance((from, to) -> steps.add(new long[] {from, to}));
        sim.at(3, now -> {});
        sim.at(3, now -> {});
        sim.at(7, now -> {});
        sim.runUntil(10);
        assertThat(steps).containsExactly(new long[] {0, 3}, new long[] {3, 7}, new long[] {7, 10});
    }

    @Test
    void refusesEventsInThePast() {
        Simulation sim = new Simulation();
        sim.runUntil(100);
        assertThatThrownBy(() -> sim.at(99, now -> {})).isInstanceOf(IllegalArgumentException.class);
    }
}
