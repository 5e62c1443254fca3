package io.ultrafleet.twin.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.CostSpec.ContractSpec;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import io.ultrafleet.twin.testdata.JsonPaths;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The AWS-OpenAI deal's implied rate, from the contract inputs of the default scenario. */
class DealRateTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    static Scenario builtIn(String name) {
        return new ScenarioLoader(CATALOGUE)
                .load(
                        BuiltInScenarios.sourceName(name),
                        new StringReader(BuiltInScenarios.yaml(name).orElseThrow()));
    }

    @Test
    void thirtyEightBillionOverSevenYearsOnTwoHundredThousandGpusIsAboutThreeDollarsAnHour() {
        Scenario s = builtIn("aws-openai-2025");
        ContractSpec deal = s.costs().contracts().get(0);
        assertThat(deal.committedUsd()).isEqualTo(38e9);
        assertThat(deal.committedGpus()).isEqualTo(200_016);
        assertThat(deal.termHours()).isEqualTo(2_557 * 24.0); // 3 Nov 2025 to 2 Nov 2032 inclusive: 7 years
        ContractTerms.Terms t = ContractTerms.of(deal, s.fleet(), CATALOGUE);
        // $38B / (200,016 GPUs x 61,368 h) = $3.096 per GPU-hour on the committed capacity ...
        assertThat(t.impliedUsdPerGpuHour()).isEqualTo(38e9 / (200_016 * 61_368.0), within(1e-9));
        assertThat(t.impliedUsdPerGpuHour()).isBetween(3.05, 3.65);
        // ... and $3.41 on the GPU-hours the ramp actually delivers in the term (nothing is online before it).
        assertThat(t.impliedDeliveredUsdPerGpuHour()).isBetween(3.1, 3.6);
        // The scenario's reserved rates bill the whole commitment over the term, within 0.5 %.
        assertThat(t.projectedUsd()).isEqualTo(38e9, within(38e9 * 0.005));
        assertThat(ContractTerms.impliedUsdPerGpuHour(s.costs().contracts(), s.fleet(), CATALOGUE))
                .isEqualTo(t.impliedUsdPerGpuHour(), within(1e-12));
    }

    @Test
    void theFirstWeeksBillEveryOnlineGpuAtTheGb200Rate() {
        Scenario s = builtIn("aws-openai-2025");
        long until = Instant.parse("2025-12-01T00:00:00Z").toEpochMilli();
        RunResult r = new TwinRun(s.with(s.seed(), until), CATALOGUE).run();
        JsonPaths j = JsonPaths.of(SummaryJson.toJson(r));
        // Only GB200 racks before 2026: reserved capacity bills 3.04 per online GPU-hour, used or not.
        double gpuHours = r.onlineGpuMs() / 3_600_000.0;
        assertThat(j.number("cost.by_contract[0].spent_usd")).isEqualTo(gpuHours * 3.04, within(0.01));
        assertThat(j.number("cost.by_contract[0].idle_usd"))
                .isEqualTo((r.onlineGpuMs() - r.allocatedGpuMs()) / 3_600_000.0 * 3.04, within(0.01));
        assertThat(j.number("cost.usd_per_online_gpu_hour")).isEqualTo(3.04, within(1e-4));
        assertThat(j.number("cost.implied_contract_usd_per_gpu_hour")).isEqualTo(3.0958);
        // The CPU pools are billed per online vCPU-hour at $0.024 under their own agreement.
        assertThat(j.text("cost.by_contract[1].name")).isEqualTo("aws-cpu");
        assertThat(j.number("cost.cpu_usd")).isPositive();
        assertThat(j.number("energy.tco2")).isPositive();
        assertThat(j.number("energy.tco2_market")).isZero();
    }
}
