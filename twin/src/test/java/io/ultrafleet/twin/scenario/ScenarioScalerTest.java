package io.ultrafleet.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.spec.FleetSpec.DeliverySpec;
import io.ultrafleet.spec.TenantSpec.QuotaSpec;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ScenarioScalerTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    private static Scenario defaultScenario() {
        String name = BuiltInScenarios.defaultName();
        return new ScenarioLoader(CATALOGUE)
                .load(
                        BuiltInScenarios.sourceName(name),
                        new StringReader(BuiltInScenarios.yaml(name).orElseThrow()));
    }

    @Test
    void theDefaultScenarioHasItsAnnouncedGpus() {
        assertThat(ScenarioScaler.gpus(defaultScenario(), CATALOGUE)).isEqualTo(200_016);
    }

    @Test
    void fiveTimesTheGpusScalesRacksPoolsRatesAndQuotasButNotJobSizes() {
        Scenario s = defaultScenario();
        Scenario x = ScenarioScaler.toGpus(s, CATALOGUE, 1_000_080);
        assertThat(ScenarioScaler.gpus(x, CATALOGUE)).isEqualTo(1_000_080);
        assertThat(x.name()).isEqualTo("aws-openai-2025-x5");
        for (int i = 0; i < s.fleet().deliveries().size(); i++) {
            DeliverySpec a = s.fleet().deliveries().get(i);
            DeliverySpec b = x.fleet().deliveries().get(i);
            assertThat(b.racks()).isEqualTo(a.racks() * 5);
            assertThat(b.startMs()).isEqualTo(a.startMs());
            assertThat(b.site()).isEqualTo(a.site());
        }
        assertThat(x.fleet().cpuPools().get(0).ramp().get(0).hosts())
                .isEqualTo(s.fleet().cpuPools().get(0).ramp().get(0).hosts() * 5);
        var research = x.training().generators().get(3);
        assertThat(research.name()).isEqualTo("research");
        assertThat(research.arrivals().rates().get(4).perDay()).isCloseTo(3800 * 5.0, within(1e-6));
        assertThat(research.gpus()).isEqualTo(s.training().generators().get(3).gpus());
        assertThat(x.training().jobs()).isEqualTo(s.training().jobs());
        InferenceSpec.ServiceSpec chat = x.inference().services().get(0);
        assertThat(chat.maxReplicas()).isEqualTo(s.inference().services().get(0).maxReplicas() * 5);
        assertThat(chat.demand().requestsPerSecond().levels().get(1).perSecond())
                .isCloseTo(
                        s.inference()
                                        .services()
                                        .get(0)
                                        .demand()
                                        .requestsPerSecond()
                                        .levels()
                                        .get(1)
                                        .perSecond()
                                * 5,
                        within(1e-6));
        assertThat(x.agents()
                        .sessions()
                        .get(0)
                        .arrivalsPerSecond()
                        .levels()
                        .get(0)
                        .perSecond())
                .isCloseTo(
                        s.agents()
                                        .sessions()
                                        .get(0)
                                        .arrivalsPerSecond()
                                        .levels()
                                        .get(0)
                                        .perSecond()
                                * 5,
                        within(1e-9));
        QuotaSpec adhoc = x.tenants().get(3).queues().get(0).quotas().get(0);
        assertThat(adhoc.nominalGpus()).isEqualTo(60_000);
        assertThat(adhoc.borrowingLimitGpus()).isEqualTo(40_000);
        assertThat(adhoc.lendingLimitGpus()).isEqualTo(-1);
        assertThat(x.startMs()).isEqualTo(s.startMs());
        assertThat(x.endMs()).isEqualTo(s.endMs());
    }

    @Test
    void aSmallerFleetKeepsAtLeastOneRackPerDeliveryAndComesNearItsTarget() {
        Scenario x = ScenarioScaler.toGpus(defaultScenario(), CATALOGUE, 50_000);
        assertThat(x.name()).isEqualTo("aws-openai-2025-x0p25");
        assertThat(x.fleet().deliveries()).allSatisfy(d -> assertThat(d.racks()).isPositive());
        assertThat(ScenarioScaler.gpus(x, CATALOGUE)).isBetween(49_000L, 51_000L);
        Scenario tiny = ScenarioScaler.toGpus(defaultScenario(), CATALOGUE, 100);
        assertThat(tiny.fleet().deliveries())
                .allSatisfy(d -> assertThat(d.racks()).isEqualTo(1));
    }

    @Test
    void aTargetBelowOneGpuIsRefused() {
        assertThatThrownBy(() -> ScenarioScaler.toGpus(defaultScenario(), CATALOGUE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target GPUs must be >= 1");
    }

    @Test
    void moreTrainingDemandScalesGeneratorRatesAndNothingElse() {
        Scenario s = defaultScenario();
        Scenario x = ScenarioScaler.withTrainingDemand(s, 1.5);
        assertThat(x.name()).isEqualTo("aws-openai-2025-demand-x1p5");
        for (int g = 0; g < s.training().generators().size(); g++) {
            var a = s.training().generators().get(g);
            var b = x.training().generators().get(g);
            assertThat(b.gpus()).isEqualTo(a.gpus());
            assertThat(b.duration()).isEqualTo(a.duration());
            for (int r = 0; r < a.arrivals().rates().size(); r++) {
                assertThat(b.arrivals().rates().get(r).perDay())
                        .isCloseTo(a.arrivals().rates().get(r).perDay() * 1.5, within(1e-9));
                assertThat(b.arrivals().rates().get(r).fromMs())
                        .isEqualTo(a.arrivals().rates().get(r).fromMs());
            }
        }
        assertThat(x.fleet()).isEqualTo(s.fleet());
        assertThat(x.tenants()).isEqualTo(s.tenants());
        assertThat(x.inference()).isEqualTo(s.inference());
        assertThat(x.training().jobs()).isEqualTo(s.training().jobs());
        assertThatThrownBy(() -> ScenarioScaler.withTrainingDemand(s, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScenarioScaler.withTrainingDemand(s, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
