package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.spec.PlacementSpec;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.twin.scenario.CostSpec.Billing;
import io.ultrafleet.twin.scenario.CostSpec.OverflowKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contracts, overflow and energy sections, and scheduler.placement: what they read and how they fail. */
class CostSectionsTest {
    /** The base scenario (providers aws with iad and dfw) with these sections after it. */
    private static String with(String sections) {
        return TestScenarios.BASE + sections;
    }

    /** 1-based line of the first occurrence of {@code needle} in {@code text}. */
    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private static final String CONTRACT = """
            contracts:
              - name: deal
                provider: aws
                start: 2026-01-01
                end: 2026-12-31
                committedUsd: 1_000_000
                committedGpus: 576
                gpuHourUsd: {gb200-nvl72: 3.5}
                vcpuHourUsd: 0.024
            """;

    @Test
    void readsContractsOverflowAndEnergy() {
        Scenario s = TestScenarios.load(with(CONTRACT + """
                overflow:
                  - {name: od, provider: aws, kind: on-demand, gpuHourUsd: {gb200-nvl72: 10.582}, sites: [dfw]}
                energy:
                  pue: 1.2
                  power: {gb200-nvl72: {busyKw: 110, idleKw: 30}}
                  cpu: {utilisation: 0.3}
                  sites:
                    dfw: {pue: 1.1, gridGco2PerKwh: 373, marketGco2PerKwh: 0, usdPerKwh: 0.066}
                scheduler:
                  placement: {policy: carbon, concentration: {maxShare: 0.5, classGpus: {training: 1000}}}
                """));
        var c = s.costs().contracts().get(0);
        assertThat(c.billing()).isEqualTo(Billing.RESERVED);
        assertThat(c.takeOrPay())
                .as("committed spend is take-or-pay by default")
                .isTrue();
        assertThat(c.sites()).containsExactly("iad", "dfw");
        assertThat(c.gpuHourUsd()).isEqualTo(Map.of("gb200-nvl72", 3.5));
        assertThat(c.termHours()).isEqualTo(365 * 24.0);
        var o = s.costs().overflow().get(0);
        assertThat(o.kind()).isEqualTo(OverflowKind.ON_DEMAND);
        assertThat(o.vcpuHourUsd()).isEqualTo(-1);
        assertThat(s.energy().pueOf("dfw")).isEqualTo(1.1);
        assertThat(s.energy().pueOf("iad")).isEqualTo(1.2);
        assertThat(s.energy().cpu().wattsPerVcpu()).isEqualTo(0.47 + 0.3 * (1.69 - 0.47));
        assertThat(s.energy().site("iad").gridGco2PerKwh()).isNaN();
        assertThat(s.scheduler().placement()).isEqualTo(new PlacementSpec("carbon", 0.5, Map.of("training", 1000L)));
    }

    @Test
    void withoutTheSectionsNothingIsPricedAndEnergyHasDefaults() {
        Scenario s = TestScenarios.load(TestScenarios.BASE);
        assertThat(s.costs().priced()).isFalse();
        assertThat(s.energy()).isEqualTo(EnergySpec.DEFAULT);
        assertThat(s.scheduler().placement()).isEqualTo(PlacementSpec.DEFAULT);
    }

    private static void fails(String yaml, String needle, String field, String message) {
        ScenarioException e = TestScenarios.error(yaml);
        assertThat(e.file()).isEqualTo("test.yaml");
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(lineOf(yaml, needle));
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void contractErrorsNameFileLineAndField() {
        fails(
                with(CONTRACT.replace("provider: aws", "provider: awz")),
                "provider: awz",
                "contracts[0].provider",
                "found awz (did you mean 'aws'?), allowed one of the declared providers: aws");
        fails(
                with(CONTRACT.replace("end: 2026-12-31", "end: 2025-12-31")),
                "end: 2025",
                "contracts[0].end",
                "allowed a time after start (2026-01-01T00:00:00Z)");
        fails(
                with(CONTRACT.replace("gb200-nvl72: 3.5", "gb200-nvl27: 3.5")),
                "gb200-nvl27",
                "contracts[0].gpuHourUsd.gb200-nvl27",
                "unknown field 'contracts[0].gpuHourUsd.gb200-nvl27' (did you mean 'gb200-nvl72'?)");
        fails(
                with(CONTRACT.replace("gb200-nvl72: 3.5", "gb200-nvl72: -3.5")),
                "-3.5",
                "contracts[0].gpuHourUsd.gb200-nvl72",
                "found -3.5, allowed a number from 0 to 1000000");
        fails(
                with(CONTRACT.replace("    committedUsd: 1_000_000\n", "    takeOrPay: true\n")),
                "takeOrPay",
                "contracts[0].takeOrPay",
                "allowed false when committedUsd is not given");
        fails(
                with(CONTRACT.replace("vcpuHourUsd: 0.024", "vcpuHourUsd: 0.024\n    sites: [dfw, sea]")),
                "sea]",
                "contracts[0].sites[1]",
                "found sea, allowed one of the sites of provider aws: iad, dfw");
        fails(
                with(CONTRACT.replace("committedGpus", "comittedGpus")),
                "comittedGpus",
                "contracts[0].comittedGpus",
                "(did you mean 'committedGpus'?)");
        String twice = CONTRACT
                + CONTRACT.replace("contracts:\n", "")
                        .replace("name: deal", "name: deal2")
                        .replace("start: 2026-01-01", "start: 2026-06-01\n    sites: [dfw]");
        fails(
                with(twice),
                "sites: [dfw]",
                "contracts[1].sites",
                "that no other contract covers for gb200-nvl72 at dfw");
        fails(
                with(CONTRACT + CONTRACT.replace("contracts:\n", "").replace("provider: aws", "provider: \"aws\"")),
                "name: deal\n    provider: \"aws\"",
                "contracts[1].name",
                "allowed a contract or overflow name not used before");
    }

    @Test
    void theConcentrationCapMayCountSpend() {
        Scenario s = TestScenarios.load(with("scheduler:\n  placement: {concentration: {maxShare: 0.4, by: spend}}\n"));
        assertThat(s.scheduler().placement().bySpend()).isTrue();
        fails(
                with("scheduler:\n  placement: {concentration: {maxShare: 0.4, by: dollars}}\n"),
                "dollars",
                "scheduler.placement.concentration.by",
                "found dollars, allowed what the cap counts: gpus, spend");
    }

    @Test
    void spotOverflowMayBeReclaimed() {
        Scenario s = TestScenarios.load(
                with("overflow:\n  - {name: o, provider: aws, kind: spot, gpuHourUsd: {gb200-nvl72: 1},"
                        + " reclaim: {perMonth: 0.15}}\n"));
        CostSpec.ReclaimSpec r = s.costs().overflow().get(0).reclaim();
        assertThat(r).isEqualTo(new CostSpec.ReclaimSpec(0.15, 120_000L, 6 * 3_600_000L));
        fails(
                with("overflow:\n  - {name: o, provider: aws, kind: on-demand, gpuHourUsd: {gb200-nvl72: 1},"
                        + " reclaim: {perMonth: 0.15}}\n"),
                "{perMonth",
                "overflow[0].reclaim",
                "found reclaim, allowed reclaim only on an entry of kind spot");
        fails(
                with("overflow:\n  - {name: o, provider: aws, kind: spot, gpuHourUsd: {gb200-nvl72: 1},"
                        + " reclaim: {perMonth: 0}}\n"),
                "{perMonth",
                "overflow[0].reclaim.perMonth",
                "found 0, allowed a number > 0 and at most 30");
        fails(
                with("overflow:\n  - {name: o, provider: aws, kind: spot, gpuHourUsd: {gb200-nvl72: 1},"
                        + " reclaim: {perMonth: 1, notice: 2h}}\n"),
                "{perMonth",
                "overflow[0].reclaim.notice",
                "found 2h");
    }

    @Test
    void overflowEnergyAndPlacementErrorsNameFileLineAndField() {
        fails(
                with("overflow:\n  - {name: o, provider: aws, kind: reserved, gpuHourUsd: {gb200-nvl72: 1}}\n"),
                "kind: reserved",
                "overflow[0].kind",
                "found reserved, allowed one of: on-demand, spot, capacity-block");
        fails(
                with("energy:\n  sites:\n    dfx: {pue: 1.1}\n"),
                "dfx",
                "energy.sites.dfx",
                "unknown field 'energy.sites.dfx' (did you mean 'dfw'?)");
        fails(with("energy:\n  pue: 0.9\n"), "0.9", "energy.pue", "found 0.9, allowed a number from 1 to 10");
        fails(
                with("energy:\n  power:\n    gb200-nvl72: {busyKw: 100, idleKw: 120}\n"),
                "120",
                "energy.power.gb200-nvl72.idleKw",
                "found 120, allowed a number from 0 to busyKw (100)");
        fails(
                with("energy:\n  cpu: {utilisation: 1.5}\n"),
                "1.5",
                "energy.cpu.utilisation",
                "found 1.5, allowed a number from 0 to 1");
        fails(
                with("scheduler:\n  placement: {policy: cheapest}\n"),
                "cheapest",
                "scheduler.placement.policy",
                "allowed one of the placement policies: topology, cost, carbon, free-capacity");
        fails(
                with("scheduler:\n  placement: {concentration: {maxShare: 1.5}}\n"),
                "1.5",
                "scheduler.placement.concentration.maxShare",
                "found 1.5, allowed a number > 0 and at most 1");
        fails(
                with("scheduler:\n  placement: {concentration: {maxShare: 0.5, classGpus: {trainng: 10}}}\n"),
                "trainng",
                "scheduler.placement.concentration.classGpus.trainng",
                "(did you mean 'training'?)");
    }
}
