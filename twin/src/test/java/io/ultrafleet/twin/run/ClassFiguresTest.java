package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The per-class figures of a run: each priority class's queues taken together. */
class ClassFiguresTest {
    private static final double HOUR = 3_600_000.0;

    @Test
    void eachClassCountsItsJobsWaitsAndEttr() {
        String yaml = PreemptionRunTest.YAML.formatted("scheduler: {preemption: {policy: unweighed}}");
        RunResult r = new TwinRun(TwinRunTest.load(yaml), HardwareCatalogue.builtIn()).run();
        List<ClassFigures> classes = ClassFigures.of(r);
        assertThat(classes).extracting(ClassFigures::name).containsExactly("production", "research");
        ClassFigures production = classes.get(0);
        ClassFigures research = classes.get(1);
        assertThat(production.queues()).containsExactly("t/high");
        assertThat(production.started()).isEqualTo(1);
        assertThat(production.waitsMs().quantile(1.0)).isZero();
        assertThat(production.ettr()).isEqualTo(1.0); // ran its 5 h straight
        assertThat(production.sloAttainment()).isNaN(); // no inference service
        // low: 20 h of work from its first start at 0 h to its end at 27 h, stopped for 5 h and losing 2 h.
        assertThat(research.preempted()).isEqualTo(1);
        assertThat(research.ettr()).isCloseTo(20 / 27.0, Offset.offset(1e-9));
        assertThat(research.allocatedGpuMs() / HOUR).isEqualTo(144 * 22.0);
    }
}
