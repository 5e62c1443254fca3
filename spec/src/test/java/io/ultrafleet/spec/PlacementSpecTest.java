package io.ultrafleet.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.scheduling.sites.SiteRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The site rules a placement section asks for, built from the sites' facts the same way by every driver. */
class PlacementSpecTest {
    private static FleetState fleet() {
        Topology.Builder tb = Topology.builder();
        tb.site(tb.region(tb.provider("p0"), "r0"), "s0", 8);
        tb.site(tb.region(tb.provider("p1"), "r1"), "s1", 8);
        return new FleetState(
                tb.build(1),
                List.of(HardwareCatalogue.builtIn().model("gb200-nvl72").orElseThrow()));
    }

    @Test
    void topologyWithoutCapOrOverflowAsksForNoRules() {
        assertThat(PlacementSpec.DEFAULT.siteRules(PlacementFacts.none(2), fleet(), List.of("training"), new int[0]))
                .isSameAs(SiteRules.NONE);
    }

    @Test
    void aPolicyAndACapGiveARankingAndACapSizedByClass() {
        PlacementSpec spec = new PlacementSpec("cost", 0.4, Map.of("training", 1000L));
        PlacementFacts facts =
                new PlacementFacts(new int[] {0, 0}, new double[] {2.0, 6.0}, new double[] {100, 200}, null);
        SiteRules rules = spec.siteRules(facts, fleet(), List.of("research", "training"), new int[] {1});
        assertThat(rules.cap()).isNotNull();
        assertThat(rules.cap().classOf(0)).isEqualTo(1);
        assertThat(rules.cap().limit(1)).isEqualTo(400);
    }

    @Test
    void factsForAnotherFleetAreRefused() {
        assertThatThrownBy(() -> new PlacementSpec("cost", 1.0, Map.of())
                        .siteRules(PlacementFacts.none(3), fleet(), List.of(), new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 sites");
    }
}
