package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.scenario.BuiltInScenarios;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a command's scenario argument: an existing file, else a built-in name. */
final class ScenarioSource {
    private ScenarioSource() {}

    static Scenario load(String fileOrName, HardwareCatalogue catalogue) {
        ScenarioLoader loader = new ScenarioLoader(catalogue);
        String arg = fileOrName == null ? BuiltInScenarios.defaultName() : fileOrName;
        Path file = Path.of(arg);
        if (Files.isRegularFile(file)) {
            try {
                return loader.load(file);
            } catch (IOException e) {
                throw new BadInputException(arg + ": cannot read: " + e.getMessage());
            }
        }
        String yaml = BuiltInScenarios.yaml(arg)
                .orElseThrow(() -> new BadInputException(arg + ": no such file, and no built-in scenario of that name"
                        + " (built-in: " + String.join(", ", BuiltInScenarios.NAMES) + ")"));
        return loader.load(BuiltInScenarios.sourceName(arg), new StringReader(yaml));
    }
}
