package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.SiteFactsReader;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.twin.cost.PlacementRules;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;

/**
 * The sites' prices and carbon for the server's site rules, read by the twin's scenario loader from the contracts and
 * energy sections: {@code serve} hands this in, so that the server module itself keeps free of the twin.
 */
final class TwinSiteFacts {
    private TwinSiteFacts() {}

    static SiteFactsReader reader() {
        return (source, text) -> {
            HardwareCatalogue catalogue = HardwareCatalogue.builtIn();
            try {
                return PlacementRules.facts(
                        new ScenarioLoader(catalogue).load(source, new StringReader(text)), catalogue);
            } catch (ScenarioException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }
}
