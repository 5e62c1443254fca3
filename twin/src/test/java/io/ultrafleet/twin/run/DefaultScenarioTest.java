package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DefaultScenarioTest {
    static Scenario defaultScenario() {
        String name = BuiltInScenarios.defaultName();
        return new ScenarioLoader(HardwareCatalogue.builtIn())
                .load(
                        BuiltInScenarios.sourceName(name),
                        new StringReader(BuiltInScenarios.yaml(name).orElseThrow()));
    }

    @Test
    void theDealRampReachesTwoHundredThousandGpusByTheEndOf2026() {
        Scenario s = defaultScenario();
        assertThat(s.name()).isEqualTo("aws-openai-2025");
        long until = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
        RunResult r = new TwinRun(s.with(s.seed(), until), HardwareCatalogue.builtIn()).run();
        assertThat(r.fleetGpus()).isEqualTo(200_016);
        assertThat(r.fleetRacks()).isEqualTo(2_778);
        assertThat(r.modelRacks()).containsEntry("gb200-nvl72", 1_024).containsEntry("gb300-nvl72", 1_754);
        assertThat(r.fleetVcpus()).isBetween(4_900_000L, 5_100_000L);
        assertThat(r.jobsCompleted()).isGreaterThan(100_000);
        assertThat(r.gpuAllocationPct()).isBetween(20.0, 100.0);
    }

    @Test
    void quarterEndTotalsMatchTheRamp() {
        Scenario s = defaultScenario();
        long[] quarterEnds = {
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2026-04-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2026-07-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2026-10-01T00:00:00Z").toEpochMilli()
        };
        long[] gpus = {18_432, 46_080, 92_160, 147_456};
        for (int i = 0; i < quarterEnds.length; i++) {
            RunResult r = new TwinRun(s.with(s.seed(), quarterEnds[i]), HardwareCatalogue.builtIn()).run();
            assertThat(r.fleetGpus())
                    .as("GPUs online at %s", Instant.ofEpochMilli(quarterEnds[i]))
                    .isEqualTo(gpus[i]);
        }
    }

    @Test
    void aShortRunIsDeterministic() {
        Scenario s = defaultScenario();
        long until = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
        Scenario shortRun = s.with(s.seed(), until);
        String a = SummaryJson.toJson(new TwinRun(shortRun, HardwareCatalogue.builtIn()).run());
        String b = SummaryJson.toJson(new TwinRun(shortRun, HardwareCatalogue.builtIn()).run());
        assertThat(a).isEqualTo(b);
    }
}
