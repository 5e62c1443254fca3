package io.ultrafleet.twin.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.run.JobHistory;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spot racks taken back by their provider, with notice: who checkpoints in time, who loses work, what it costs. */
class SpotReclaimsTest {
    // Four spot racks, each reclaimed about once every three days, with AWS's two minutes of notice.
    static final String YAML = """
            apiVersion: ultrafleet/v1
            name: spot
            start: 2026-01-01
            horizon: 2026-01-31
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 4}]}]}]
              deliveries: [{site: s, model: gb200-nvl72, racks: 4, start: 2026-01-01}]
            tenants: [{name: t, queues: [{name: q, priorityClass: training}]}]
            training:
              jobs:
                - {name: quick, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 60d,
                   checkpointInterval: 30m, checkpointStall: 10s}
                - {name: slow, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 60d,
                   checkpointInterval: 30m, checkpointStall: 5m}
            overflow:
              - name: spot
                provider: p
                kind: spot
                gpuHourUsd: {gb200-nvl72: 4}
                reclaim: {perMonth: 10, notice: 2m, away: 3h}
            """;

    private static RunResult run(String yaml, String explain) {
        TwinRun run = new TwinRun(
                new ScenarioLoader(HardwareCatalogue.builtIn()).load("spot.yaml", new StringReader(yaml)),
                HardwareCatalogue.builtIn());
        run.explain(explain);
        return run.run();
    }

    private static List<String> reclaims(RunResult r) {
        return r.history().entries().stream()
                .map(JobHistory.Entry::text)
                .filter(t -> t.startsWith("interrupted by a failure (Spot reclaim)"))
                .toList();
    }

    @Test
    void aJobThatCheckpointsWithinTheNoticeLosesNothing() {
        List<String> quick = reclaims(run(YAML, "quick"));
        assertThat(quick).isNotEmpty();
        assertThat(quick).allMatch(t -> t.contains("lost 0.0 GPU-hours"));
    }

    @Test
    void aJobWhoseCheckpointTakesLongerLosesItsWorkSinceTheLastOneAndTheCostCountsIt() {
        RunResult r = run(YAML, "slow");
        List<String> slow = reclaims(r);
        assertThat(slow).isNotEmpty();
        assertThat(slow).anyMatch(t -> !t.contains("lost 0.0 GPU-hours"));
        SpotReclaims.Tally t = r.accounts().reclaimTallies().get("spot");
        // About 4 racks x 30 days x 10 / 30 days = 40 reclaims.
        assertThat(t.reclaims()).isBetween(20L, 70L);
        assertThat(t.awayGpuMs()).isGreaterThan(0);
        assertThat(t.lostGpuMs()).isGreaterThan(0);
        assertThat(t.lostUsd()).isEqualTo(t.lostGpuMs() / 3_600_000.0 * 4, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.reliability().interruptionsByCause()).containsKey("Spot reclaim");
    }

    @Test
    void withoutAReclaimRuleSpotCapacityStays() {
        RunResult r = run(YAML.replace("    reclaim: {perMonth: 10, notice: 2m, away: 3h}\n", ""), "slow");
        assertThat(reclaims(r)).isEmpty();
        assertThat(r.accounts().reclaimTallies()).isEmpty();
    }
}
