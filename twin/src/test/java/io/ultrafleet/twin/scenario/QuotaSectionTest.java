package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.TenantSpec;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queue quotas per flavour, cohorts and weights. */
class QuotaSectionTest {
    private static final String BASE = """
            apiVersion: ultrafleet/v1
            name: t
            start: 2026-01-01
            horizon: 2026-01-02
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: dfw}, {name: iad}]}]}]
            tenants:
              - name: t
                queues:
                  - name: q
                    priorityClass: training
            %s
            """;

    private static Scenario load(String queueExtra) {
        String indented = queueExtra.indent(8).stripTrailing();
        return new ScenarioLoader(HardwareCatalogue.builtIn())
                .load("t.yaml", new StringReader(BASE.formatted(indented)));
    }

    @Test
    void readsFlavoursCohortAndWeight() {
        Scenario s = load("""
                cohort: labs
                weight: 2.5
                quotas:
                  - {flavor: gb300-nvl72@dfw, nominalGpus: 100, borrowingLimitGpus: 20, lendingLimitGpus: 50}
                  - {flavor: "*", nominalGpus: 10}
                """);
        TenantSpec.QueueSpec q = s.tenants().get(0).queues().get(0);
        assertThat(q.cohort()).isEqualTo("labs");
        assertThat(q.weight()).isEqualTo(2.5);
        assertThat(q.quotaGpus()).isEqualTo(-1);
        assertThat(q.quotas())
                .containsExactly(
                        new TenantSpec.QuotaSpec("gb300-nvl72", "dfw", 100, 20, 50),
                        new TenantSpec.QuotaSpec(null, null, 10, -1, -1));
        assertThat(load("").tenants().get(0).queues().get(0).quotas()).isEqualTo(List.of());
    }

    @Test
    void badQuotasNameTheirField() {
        assertThatThrownBy(() -> load("quotas: [{flavor: gb300-nvl72@ord, nominalGpus: 1}]"))
                .hasMessageContaining("field 'tenants[0].queues[0].quotas[0].flavor': found gb300-nvl72@ord")
                .hasMessageContaining("dfw, iad");
        assertThatThrownBy(() -> load("quotas: [{flavor: h900, nominalGpus: 1}]"))
                .hasMessageContaining("quotas[0].flavor': found h900");
        assertThatThrownBy(() -> load("quotas: [{flavor: \"*\", nominalGpus: -1}]"))
                .hasMessageContaining("quotas[0].nominalGpus': found -1");
        assertThatThrownBy(() -> load("quotaGpus: 5\nquotas: [{flavor: \"*\", nominalGpus: 1}]"))
                .hasMessageContaining("write either quotaGpus or quotas");
        assertThatThrownBy(() -> load("quotas: [{flavor: \"*\", nominalGpus: 1}, {flavor: \"*\", nominalGpus: 2}]"))
                .hasMessageContaining("quotas[1].flavor'")
                .hasMessageContaining("not already given a quota");
        assertThatThrownBy(() -> load("weight: 0")).hasMessageContaining("queues[0].weight': found 0");
    }

    @Test
    void aQueueBeyondTheLastTheSchedulerCanHoldIsNamedWithItsLine() {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: ultrafleet/v1
                name: t
                start: 2026-01-01
                horizon: 2026-01-02
                fleet:
                  providers: [{name: p, regions: [{name: r, sites: [{name: dfw}]}]}]
                tenants:
                  - name: t
                    queues:
                """);
        for (int i = 0; i <= io.ultrafleet.scheduling.QueueBook.MAX_QUEUES; i++) {
            yaml.append("      - {name: q").append(i).append(", priorityClass: research}\n");
        }
        String text = yaml.toString();
        int line = text.substring(0, text.indexOf("name: q32768,")).split("\n").length;
        assertThatThrownBy(() -> new ScenarioLoader(HardwareCatalogue.builtIn()).load("t.yaml", new StringReader(text)))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.getMessage())
                            .contains("field 'tenants[0].queues[32768]'")
                            .contains("at most 32768 queues in a scenario");
                    assertThat(e.line()).isEqualTo(line);
                });
    }
}
