package io.ultrafleet.twin.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import io.ultrafleet.twin.testdata.JsonPaths;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** scheduler.placement in whole runs: where a job goes under each policy. */
class PlacementPolicyTest {
    /**
     * Site "dirty" (provider p) has the tightest fit for one rack, so the placer alone puts the job there; site
     * "clean" (provider q) is on a cleaner grid and dearer; site "spare" is overflow.
     */
    private static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: policy
            start: 2026-01-01
            horizon: 2026-01-01
            fleet:
              providers:
                - {name: p, regions: [{name: r, sites: [{name: dirty}, {name: spare}]}]}
                - {name: q, regions: [{name: r2, sites: [{name: clean}]}]}
              deliveries:
                - {site: dirty, model: gb200-nvl72, racks: 1, start: 2026-01-01}
                - {site: clean, model: gb200-nvl72, racks: 2, start: 2026-01-01}
                - {site: spare, model: gb200-nvl72, racks: 1, start: 2026-01-01}
            tenants: [{name: t, queues: [{name: q, priorityClass: training}]}]
            training:
              jobs:
                - {name: a, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 24h}
            contracts:
              - {name: cp, provider: p, start: 2026-01-01, end: 2026-12-31, billing: on-use,
                 gpuHourUsd: {gb200-nvl72: 2}, sites: [dirty]}
              - {name: cq, provider: q, start: 2026-01-01, end: 2026-12-31, billing: on-use,
                 gpuHourUsd: {gb200-nvl72: 3}}
            overflow:
              - {name: od, provider: p, kind: on-demand, gpuHourUsd: {gb200-nvl72: 1}, sites: [spare]}
            energy:
              sites:
                dirty: {gridGco2PerKwh: 800}
                clean: {gridGco2PerKwh: 100}
                spare: {gridGco2PerKwh: 50}
            %s
            """;

    private static JsonPaths run(String scheduler) {
        var s = new ScenarioLoader(HardwareCatalogue.builtIn())
                .load("policy.yaml", new StringReader(SCENARIO.formatted(scheduler)));
        return JsonPaths.of(SummaryJson.toJson(new TwinRun(s, HardwareCatalogue.builtIn()).run()));
    }

    @Test
    void eachPolicyPicksItsSite() {
        // Topology alone would take the tightest fit, but overflow comes last: a committed site it is.
        JsonPaths topology = run("");
        assertThat(topology.number("cost.by_overflow[0].spent_usd")).isZero();
        // Cost: the cheapest committed GPU-hour, $2 at "dirty", not the overflow's $1.
        JsonPaths cost = run("scheduler: {placement: {policy: cost}}");
        assertThat(cost.number("cost.by_contract[0].spent_usd")).isEqualTo(72 * 24 * 2.0);
        assertThat(cost.number("cost.total_usd")).isEqualTo(72 * 24 * 2.0);
        // Carbon: the cleanest committed site, "clean" at provider q.
        JsonPaths carbon = run("scheduler: {placement: {policy: carbon}}");
        assertThat(carbon.number("cost.by_provider.q")).isEqualTo(72 * 24 * 3.0);
        assertThat(carbon.number("cost.by_provider.p")).isZero();
    }

    @Test
    void theCapKeepsEachProviderUnderItsShare() {
        String three = "training:\n  jobs:\n"
                + "    - {name: a, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 24h}\n"
                + "    - {name: b, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 24h}\n"
                + "    - {name: c, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 24h}\n";
        // Without a cap: a at "dirty" ($2), then b and c at "clean" ($3); overflow is not needed.
        JsonPaths free = runJobs(three, "scheduler: {placement: {policy: cost}}");
        assertThat(free.number("cost.by_provider.q")).isEqualTo(2 * 72 * 24 * 3.0);
        // At most 50 % of a 144-GPU class at one provider: one rack at p, one at q, and c waits (overflow is p's).
        JsonPaths capped = runJobs(
                three,
                "scheduler: {placement: {policy: cost, concentration: {maxShare: 0.5, classGpus: {training: 144}}}}");
        assertThat(capped.text("cost.concentration_cap.held")).isEqualTo("true");
        assertThat(capped.number("cost.by_provider.q")).isEqualTo(72 * 24 * 3.0);
        assertThat(capped.number("cost.by_provider.p")).isEqualTo(72 * 24 * 2.0);
        assertThat(capped.number("jobs.queued_at_end_by_reason.quota")).isEqualTo(1);
    }

    private static JsonPaths runJobs(String training, String scheduler) {
        String yaml = SCENARIO.formatted(scheduler);
        int from = yaml.indexOf("training:");
        int to = yaml.indexOf("contracts:");
        yaml = yaml.substring(0, from) + training + yaml.substring(to);
        var s = new ScenarioLoader(HardwareCatalogue.builtIn()).load("policy.yaml", new StringReader(yaml));
        return JsonPaths.of(SummaryJson.toJson(new TwinRun(s, HardwareCatalogue.builtIn()).run()));
    }
}
