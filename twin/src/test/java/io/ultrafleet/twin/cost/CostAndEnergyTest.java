package io.ultrafleet.twin.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import io.ultrafleet.twin.testdata.JsonPaths;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Cost and energy of a tiny fleet, against figures worked out by hand. */
class CostAndEnergyTest {
    /**
     * Two GB200 racks (144 GPUs) for 48 hours. Job a holds one rack for the first 24 hours, job b one rack from 24 h to
     * 36 h. A reserved contract at $3 per GPU-hour covers the first day with $20,000 committed, take-or-pay; after it,
     * on-demand overflow at $10 per GPU-hour bills what jobs hold.
     */
    static final String TINY = """
            apiVersion: ultrafleet/v1
            name: tiny
            start: 2026-01-01
            horizon: 2026-01-02
            fleet:
              providers:
                - name: p
                  regions:
                    - name: r
                      sites:
                        - {name: s, racksPerBlock: 2}
              deliveries:
                - {site: s, model: gb200-nvl72, racks: 2, start: 2026-01-01}
            tenants:
              - name: t
                queues:
                  - {name: q, priorityClass: training}
            training:
              jobs:
                - {name: a, queue: t/q, submit: 2026-01-01, gpus: 72, duration: 24h}
                - {name: b, queue: t/q, submit: "2026-01-02T00:00:00Z", gpus: 72, duration: 12h}
            contracts:
              - name: day-one
                provider: p
                start: 2026-01-01
                end: 2026-01-01
                committedUsd: 20000
                gpuHourUsd: {gb200-nvl72: 3}
            overflow:
              - name: od
                provider: p
                kind: on-demand
                gpuHourUsd: {gb200-nvl72: 10}
            energy:
              sites:
                s: {pue: 1.2, gridGco2PerKwh: 400, marketGco2PerKwh: 0, usdPerKwh: 0.10}
            """;

    private static RunResult run(String yaml) {
        var s = new ScenarioLoader(HardwareCatalogue.builtIn()).load("tiny.yaml", new StringReader(yaml));
        return new TwinRun(s, HardwareCatalogue.builtIn()).run();
    }

    @Test
    void reservedCapacityOverflowAndShortfallAddUpByHand() {
        RunResult r = run(TINY);
        JsonPaths j = JsonPaths.of(SummaryJson.toJson(r));
        // Contract: 144 GPUs x 24 h x $3 = $10,368, of which job a's 72 x 24 x $3 = $5,184; the rest idle; the
        // shortfall to $20,000 is $9,632. Overflow: job b's 72 x 12 h x $10 = $8,640.
        assertThat(j.number("cost.total_usd")).isEqualTo(28_640.0);
        assertThat(j.number("cost.overflow_usd")).isEqualTo(8_640.0);
        assertThat(j.number("cost.take_or_pay_shortfall_usd")).isEqualTo(9_632.0);
        assertThat(j.number("cost.idle_commitment_usd")).isEqualTo(5_184.0 + 9_632.0);
        assertThat(j.number("cost.by_queue.t/q")).isEqualTo(5_184.0 + 8_640.0);
        assertThat(j.number("cost.by_class.training")).isEqualTo(13_824.0);
        assertThat(j.number("cost.unattributed_usd")).isEqualTo(14_816.0);
        assertThat(j.number("cost.by_provider.p")).isEqualTo(28_640.0);
        // Per GPU-hour: 144 x 48 online, 72 x 36 allocated and busy, and all of it useful (no failures).
        assertThat(j.number("cost.usd_per_online_gpu_hour")).isEqualTo(28_640.0 / (144 * 48), within(1e-4));
        assertThat(j.number("cost.usd_per_allocated_gpu_hour")).isEqualTo(28_640.0 / 2_592, within(1e-4));
        assertThat(j.number("cost.usd_per_useful_gpu_hour")).isEqualTo(28_640.0 / 2_592, within(1e-4));
        assertThat(j.isNull("cost.usd_per_million_tokens")).isTrue();
        assertThat(j.number("cost.by_contract[0].spent_usd")).isEqualTo(20_000.0);
        assertThat(j.number("cost.by_contract[0].remaining_commitment_usd")).isZero();
        assertThat(j.number("cost.by_contract[0].commitment_burn_pct")).isEqualTo(100.0);
        // No capacity committed: the commitment over the 144 x 24 GPU-hours delivered in the term.
        assertThat(j.isNull("cost.by_contract[0].implied_usd_per_gpu_hour")).isTrue();
        assertThat(j.number("cost.by_contract[0].implied_delivered_usd_per_gpu_hour"))
                .isEqualTo(20_000.0 / (144 * 24), within(1e-4));
        assertThat(j.number("cost.implied_contract_usd_per_gpu_hour")).isEqualTo(20_000.0 / (144 * 24), within(1e-4));
    }

    @Test
    void energyAndCarbonAddUpByHand() {
        RunResult r = run(TINY);
        JsonPaths j = JsonPaths.of(SummaryJson.toJson(r));
        // A GB200 rack draws 120 kW busy and 36 kW idle (30 %): 500 W per idle GPU, 1,666.7 W per busy one.
        // IT: 144 GPUs x 48 h x 0.5 kW = 3,456 kWh, plus 72 x 36 busy GPU-hours x 1.1667 kW = 3,024 kWh.
        double itKwh = 3_456 + 3_024;
        assertThat(j.number("energy.it_mwh")).isEqualTo(itKwh / 1000, within(1e-3));
        assertThat(j.number("energy.mwh")).isEqualTo(itKwh * 1.2 / 1000, within(1e-3));
        assertThat(j.number("energy.tco2")).isEqualTo(itKwh * 1.2 * 400 / 1e6, within(1e-3));
        assertThat(j.number("energy.tco2_market")).isZero();
        assertThat(j.number("energy.electricity_usd")).isEqualTo(itKwh * 1.2 * 0.10, within(0.01));
        // Peak: one busy rack and one idle: (144 x 0.5 + 72 x 1.1667) kW x 1.2 = 187.2 kW.
        assertThat(j.number("energy.peak_mw")).isEqualTo(0.187, within(1e-9)); // MW to 3 decimals
        assertThat(j.number("energy.sites[0].tco2")).isEqualTo(j.number("energy.tco2"));
    }

    @Test
    void timeSeriesCarriesSpendPowerCarbonAndTheContractBurnDown() {
        TimeSeries ts = run(TINY).timeSeries();
        int spend = ts.columnIndex("spend_usd");
        int power = ts.columnIndex("power_mw");
        int co2 = ts.columnIndex("co2_t");
        int burn = ts.columnIndex("contract_spent_usd.day-one");
        assertThat(ts.columnNames())
                .containsSubsequence("spend_usd", "power_mw", "co2_t", "contract_spent_usd.day-one");
        assertThat(ts.size()).isEqualTo(48);
        // Hour 1: the whole fleet at $3; one rack busy.
        assertThat(ts.value(0, spend)).isEqualTo(144 * 3.0, within(1e-9));
        assertThat(ts.value(0, power)).isEqualTo(0.1872, within(1e-9));
        assertThat(ts.value(0, co2)).isEqualTo(0.1872 * 400 / 1000, within(1e-9));
        // Hour 24 ends the term: its $432 and the $9,632 shortfall; then job b on demand at $720 an hour.
        assertThat(ts.value(23, spend)).isEqualTo(432 + 9_632.0, within(1e-6));
        assertThat(ts.value(24, spend)).isEqualTo(720.0, within(1e-9));
        assertThat(ts.value(23, burn)).isEqualTo(20_000.0, within(1e-6));
        assertThat(ts.value(47, burn)).isEqualTo(20_000.0, within(1e-6));
        // Hour 37 onwards: nothing runs and nothing is billed; idle racks draw 144 x 0.5 kW x 1.2.
        assertThat(ts.value(40, spend)).isZero();
        assertThat(ts.value(40, power)).isEqualTo(0.0864, within(1e-9));
        double sum = 0;
        for (int i = 0; i < ts.size(); i++) {
            sum += ts.value(i, spend);
        }
        assertThat(sum).isEqualTo(28_640.0, within(1e-6));
    }

    @Test
    void aScenarioWithoutPricesReportsNoCostButStillEnergy() {
        String unpriced = TINY.substring(0, TINY.indexOf("contracts:"));
        RunResult r = run(unpriced);
        JsonPaths j = JsonPaths.of(SummaryJson.toJson(r));
        assertThat(j.isNull("cost")).isTrue();
        assertThat(j.isNull("energy.tco2")).isTrue();
        // Default PUE 1.15 on the same IT energy.
        assertThat(j.number("energy.mwh")).isEqualTo(6.48 * 1.15, within(1e-3));
        assertThat(r.timeSeries().columnNames())
                .doesNotContain("spend_usd", "co2_t")
                .contains("power_mw");
    }
}
