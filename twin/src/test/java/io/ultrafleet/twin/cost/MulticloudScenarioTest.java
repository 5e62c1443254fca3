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
import io.ultrafleet.twin.testdata.JsonPaths;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in portfolio scenario across five providers: it validates, its contracts are as reported, and it runs. */
class MulticloudScenarioTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    @Test
    void contractsAreAtTheirReportedSizesAndRatesBillThemOverTheTerm() {
        assertThat(BuiltInScenarios.NAMES).contains("openai-multicloud-2026");
        Scenario s = DealRateTest.builtIn("openai-multicloud-2026");
        List<ContractSpec> contracts = s.costs().contracts();
        assertThat(contracts).extracting(ContractSpec::provider).containsExactly("aws", "azure", "oracle", "coreweave");
        assertThat(contracts).extracting(ContractSpec::committedUsd).containsExactly(38e9, 250e9, 300e9, 22.4e9);
        assertThat(s.costs().overflow()).hasSize(3);
        assertThat(s.fleet().providers()).hasSize(5);
        for (ContractSpec c : contracts) {
            ContractTerms.Terms t = ContractTerms.of(c, s.fleet(), CATALOGUE);
            assertThat(t.impliedDeliveredUsdPerGpuHour()).as(c.name()).isBetween(3.0, 6.0);
            if (c.billing() == io.ultrafleet.twin.scenario.CostSpec.Billing.RESERVED) {
                // Rates are set so that the planned capacity bills the commitment over the term.
                assertThat(t.projectedUsd()).as(c.name()).isEqualTo(c.committedUsd(), within(c.committedUsd() * 0.01));
            } else {
                // On use: at its rate the commitment is used up only with every planned GPU busy all term.
                double rate = c.gpuHourUsd().values().iterator().next();
                assertThat(rate).isEqualTo(t.impliedDeliveredUsdPerGpuHour(), within(0.01));
            }
        }
    }

    @Test
    void itRunsWithTheCapHeldAndCommittedCapacityUsedFirst() {
        Scenario s = DealRateTest.builtIn("openai-multicloud-2026");
        long until = Instant.parse("2026-07-01T00:00:00Z").toEpochMilli();
        RunResult r = new TwinRun(s.with(s.seed(), until), CATALOGUE).run();
        JsonPaths j = JsonPaths.of(SummaryJson.toJson(r));
        assertThat(r.jobsCompleted()).isGreaterThan(10_000);
        assertThat(r.accounts().cap().worstOverLimit()).isLessThanOrEqualTo(0);
        assertThat(j.text("cost.concentration_cap.held")).isEqualTo("true");
        double total = j.number("cost.total_usd");
        double byProvider = 0;
        for (String p : List.of("aws", "azure", "oracle", "coreweave", "google")) {
            byProvider += j.number("cost.by_provider." + p);
        }
        assertThat(byProvider).isEqualTo(total, within(0.05));
        // Oracle's term starts in 2027: nothing is billed before it, and its capacity is not there yet.
        assertThat(j.number("cost.by_provider.oracle")).isZero();
        // Reserved AWS and CoreWeave capacity is paid for anyway and is used before Azure's on-use rate.
        assertThat(j.number("cost.provider_share_of_allocated_gpu_hours_pct.aws")
                        + j.number("cost.provider_share_of_allocated_gpu_hours_pct.coreweave"))
                .isGreaterThan(j.number("cost.provider_share_of_allocated_gpu_hours_pct.azure"));
        assertThat(j.number("energy.mwh")).isPositive();
        assertThat(j.number("energy.peak_mw")).isGreaterThan(j.number("energy.mean_mw"));
        assertThat(j.number("energy.tco2")).isPositive();
        assertThat(r.timeSeries().columnNames())
                .contains(
                        "spend_usd",
                        "power_mw",
                        "co2_t",
                        "contract_spent_usd.aws-38b",
                        "contract_spent_usd.azure-250b",
                        "contract_spent_usd.oracle-300b",
                        "contract_spent_usd.coreweave-22b");
    }

    @Test
    void theCapBySpendHoldsOnThePortfolio() {
        String yaml = io.ultrafleet.spec.BuiltInScenarios.yaml("openai-multicloud-2026")
                .orElseThrow()
                .replace("      maxShare: 0.4\n", "      maxShare: 0.4\n      by: spend\n");
        assertThat(yaml).contains("by: spend");
        Scenario s = new io.ultrafleet.twin.scenario.ScenarioLoader(CATALOGUE)
                .load("spend.yaml", new java.io.StringReader(yaml));
        long until = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
        RunResult r = new TwinRun(s.with(s.seed(), until), CATALOGUE).run();
        JsonPaths j = JsonPaths.of(SummaryJson.toJson(r));
        assertThat(r.accounts().cap().bySpend()).isTrue();
        assertThat(r.accounts().cap().worstOverLimit()).isLessThanOrEqualTo(0);
        assertThat(j.text("cost.concentration_cap.by")).isEqualTo("spend");
        assertThat(j.text("cost.concentration_cap.held")).isEqualTo("true");
    }
}
