package io.ultrafleet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeersBenchmarkTest {
    private static PeerSide side(String engine, long jobs, long work, double makespan) {
        return new PeerSide(engine, 2.0, 1.5, 100, 10, 5, 50, jobs, work, makespan, 0);
    }

    @Test
    void theSameJobsWorkAndEndAreTheSameWork() {
        assertThat(PeersBenchmark.differences(10, 600, side("cs", 10, 600, 100.4), side("uf", 10, 600, 100)))
                .isEmpty();
    }

    @Test
    void everyDifferenceIsNamed() {
        List<String> d = PeersBenchmark.differences(
                10, 600, side("cloudsimplus", 9, 540, 130), side("ultrafleet", 10, 600, 100));
        assertThat(d)
                .containsExactly(
                        "cloudsimplus completed 9 of 10 jobs",
                        "cloudsimplus did 540 of 600 GPU-minutes",
                        "the last job ended at minute 130.00 in CloudSim Plus and 100.00 in Ultrafleet");
    }

    @Test
    void resultLinesAreReadAsOrderedPairs() {
        assertThat(ChildJvm.parse("result engine=uf wall_s=1.5 events=3"))
                .containsExactly(
                        java.util.Map.entry("engine", "uf"),
                        java.util.Map.entry("wall_s", "1.5"),
                        java.util.Map.entry("events", "3"));
        assertThatThrownBy(() -> ChildJvm.parse("result engine")).hasMessageContaining("malformed result pair");
    }
}
