package io.ultrafleet.server.live;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.spec.ScenarioReader;
import io.ultrafleet.spec.ScenarioSpec;
import java.io.StringReader;

/** The scenario specs of the built-in scenarios, as a server reads them, for the tests of the live state. */
final class BuiltInSpecs {
    private BuiltInSpecs() {}

    /** The spec of the default scenario, {@code aws-openai-2025}. */
    static ScenarioSpec defaultScenario(HardwareCatalogue catalogue) {
        String name = "aws-openai-2025";
        return new ScenarioReader(catalogue)
                .read(name, new StringReader(BuiltInScenarios.yaml(name).orElseThrow()))
                .spec();
    }
}
