package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.CheckpointPolicy;
import io.ultrafleet.spec.DistributionSpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.twin.reliability.HazardModel;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reliability section and the recovery fields of jobs. */
class ReliabilitySectionTest {
    private static final String BASE = """
            apiVersion: ultrafleet/v1
            name: t
            start: 2026-01-01
            horizon: 2026-01-02
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s}]}]}]
            tenants: [{name: t, queues: [{name: q, priorityClass: training}]}]
            training:
              jobs:
                - {name: j, queue: t/q, submit: 2026-01-01, gpus: 8, duration: 2h%s}
            %s
            """;

    private static Scenario load(String jobExtra, String section) {
        return new ScenarioLoader(HardwareCatalogue.builtIn())
                .load("t.yaml", new StringReader(BASE.formatted(jobExtra, section)));
    }

    @Test
    void absentMeansNoFailuresAndDefaultsAreTheLlama3Rate() {
        assertThat(load("", "").reliability().enabled()).isFalse();
        ReliabilitySpec r = load("", "reliability: {}").reliability();
        assertThat(r.enabled()).isTrue();
        assertThat(r.hazardPerGpuHour()).isEqualTo(HazardModel.LLAMA3_RATE_PER_GPU_HOUR);
        assertThat(r.trayRepair()).isEqualTo(new DistributionSpec.Fixed(48 * 3_600_000L));
    }

    @Test
    void readsEveryField() {
        ReliabilitySpec r = load(", checkpointInterval: daly, checkpointStall: 10s, restartOverhead: 10m", """
                        reliability:
                          hazardPerGpuHour: 3e-5
                          generationMultiplier: 1.2
                          modelMultipliers: {gb300-nvl72: 1.5}
                          weibull: {shape: 0.7, scaleHours: 5000}
                          detection: 2m
                          traySwap: 10m
                          trayRepair: {dist: lognormal, median: 48h, sigma: 0.5}
                          rackRepair: 72h
                          sparesPerRack: 1
                          spareRacksPerBlock: 2
                        """)
                .reliability();
        assertThat(r.hazardPerGpuHour()).isEqualTo(3e-5);
        assertThat(r.multiplier("gb300-nvl72")).isEqualTo(1.2 * 1.5);
        assertThat(r.multiplier("gb200-nvl72")).isEqualTo(1.2);
        assertThat(r.modelMultipliers()).isEqualTo(Map.of("gb300-nvl72", 1.5));
        assertThat(r.weibullShape()).isEqualTo(0.7);
        assertThat(r.detectionMs()).isEqualTo(120_000L);
        assertThat(r.traySwapMs()).isEqualTo(600_000L);
        assertThat(r.trayRepair()).isInstanceOf(DistributionSpec.LogNormal.class);
        assertThat(r.rackRepair()).isEqualTo(new DistributionSpec.Fixed(72 * 3_600_000L));
        assertThat(r.sparesPerRack()).isEqualTo(1);
        assertThat(r.spareRacksPerBlock()).isEqualTo(2);
        TrainingSpec.RecoverySpec rec = load(
                        ", checkpointInterval: daly, checkpointStall: 10s, restartOverhead: 10m", "")
                .training()
                .jobs()
                .get(0)
                .recovery();
        assertThat(rec.checkpoint()).isEqualTo(new CheckpointPolicy.Daly());
        assertThat(rec.checkpointStallMs()).isEqualTo(10_000L);
        assertThat(rec.restartOverheadMs()).isEqualTo(600_000L);
        // Daly's interval for a 3 h MTBF and a 10 s stall: sqrt(2 x 10 s x 3 h) = 465 s, less the stall, about 7.6
        // minutes; none when there are no failures.
        assertThat(rec.intervalMs(3 * 3_600_000L)).isBetween(450_000L, 466_000L);
        assertThat(rec.intervalMs(Long.MAX_VALUE)).isZero();
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> load("", "reliability: {modelMultipliers: {gb300-nvl7: 2}}"))
                .hasMessageContaining("unknown field 'reliability.modelMultipliers.gb300-nvl7'")
                .hasMessageContaining("did you mean 'gb300-nvl72'");
        assertThatThrownBy(() -> load("", "reliability: {hazardPerGpuHour: -1}"))
                .hasMessageContaining("field 'reliability.hazardPerGpuHour': found -1");
        assertThatThrownBy(() -> load("", "reliability: {trayRepair: {dist: zipf}}"))
                .hasMessageContaining("reliability.trayRepair");
        assertThatThrownBy(() -> load(", checkpointInterval: often", ""))
                .hasMessageContaining("field 'training.jobs[0].checkpointInterval': found often");
        assertThatThrownBy(() -> load("", "reliability: {sparesPerRak: 1}"))
                .hasMessageContaining("did you mean 'sparesPerRack'");
    }
}
