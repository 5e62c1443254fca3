package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.reliability.Llama3CauseMix;
import io.ultrafleet.twin.reliability.RecoveryMath;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in llama3-54d scenario held against the Llama 3 paper: 419 interruptions in 54 days, by cause. */
class Llama3ScenarioTest {
    private static final int SEEDS = 10;

    private static Scenario scenario() {
        String yaml = BuiltInScenarios.yaml("llama3-54d").orElseThrow();
        return new ScenarioLoader(HardwareCatalogue.builtIn())
                .load(BuiltInScenarios.sourceName("llama3-54d"), new StringReader(yaml));
    }

    @Test
    void reproducesThePublishedInterruptionsCausesAndEttr() {
        Scenario s = scenario();
        long total = 0;
        long gpuClass = 0;
        Map<String, Long> byCause = new java.util.LinkedHashMap<>();
        double ettr = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult r = new TwinRun(s.with(seed, s.endMs()), HardwareCatalogue.builtIn()).run();
            total += r.reliability().interruptionsTotal();
            r.reliability().interruptionsByCause().forEach((k, v) -> byCause.merge(k, v, Long::sum));
            for (Map.Entry<String, Long> e :
                    r.reliability().interruptionsByCause().entrySet()) {
                if (Llama3CauseMix.rows().stream()
                        .anyMatch(row -> row.name().equals(e.getKey())
                                && row.cause().componentClass().isGpu())) {
                    gpuClass += e.getValue();
                }
            }
            ettr += r.reliability().ettr();
            assertThat(r.jobsRunning()).isEqualTo(1);
        }
        double mean = total / (double) SEEDS;
        // The published count, within 10 %.
        assertThat(mean).isCloseTo(419, within(41.9));
        // GPU-package causes were 268 of 419; the pooled share within three binomial standard deviations.
        double share = gpuClass / (double) total;
        double p = 268.0 / 419;
        assertThat(share).isCloseTo(p, within(3 * Math.sqrt(p * (1 - p) / total)));
        // Each cause's pooled share within three binomial standard deviations of its published share.
        for (Llama3CauseMix.Row row : Llama3CauseMix.rows()) {
            double q = row.count() / 419.0;
            double got = byCause.getOrDefault(row.name(), 0L) / (double) total;
            assertThat(got)
                    .as("share of %s", row.name())
                    .isCloseTo(q, within(3 * Math.sqrt(q * (1 - q) / total) + 1e-9));
        }
        // ETTR against the exponential model of one job: M = 1 / (16,384 x hazard), 15 min checkpoints with a 10 s
        // stall, 10 min restarts.
        double mtbfHours = 1 / (16_384 * 1.974e-5);
        double expected = RecoveryMath.ettrExact(mtbfHours, 0.25, 10 / 3600.0, 10 / 60.0);
        assertThat(ettr / SEEDS).isCloseTo(expected, within(0.01));
    }
}
