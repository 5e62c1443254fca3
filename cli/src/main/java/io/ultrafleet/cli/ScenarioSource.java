package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.scenario.BuiltInScenarios;
import io.ultrafleet.twin.scenario.FieldOverride;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a command's scenario argument: an existing file, else a built-in name.
 *
 * @param name what errors call it: the path as given, or {@code builtin:NAME}
 * @param yaml the scenario's text
 */
record ScenarioSource(String name, String yaml) {

    static Scenario load(String fileOrName, HardwareCatalogue catalogue) {
        return of(fileOrName).scenario(catalogue, List.of());
    }

    /** The scenario text behind a command's argument (null for the default scenario). */
    static ScenarioSource of(String fileOrName) {
        String arg = fileOrName == null ? BuiltInScenarios.defaultName() : fileOrName;
        Path file = Path.of(arg);
        if (Files.isRegularFile(file)) {
            try {
                return new ScenarioSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new BadInputException(arg + ": cannot read: " + e.getMessage());
            }
        }
        String yaml = BuiltInScenarios.yaml(arg)
                .orElseThrow(() -> new BadInputException(arg + ": no such file, and no built-in scenario of that name"
                        + " (built-in: " + String.join(", ", BuiltInScenarios.NAMES) + ")"));
        return new ScenarioSource(BuiltInScenarios.sourceName(arg), yaml);
    }

    /** The validated scenario, with {@code overrides} put in before validation. */
    Scenario scenario(HardwareCatalogue catalogue, List<FieldOverride> overrides) {
        return new ScenarioLoader(catalogue).load(name, new StringReader(yaml), overrides);
    }
}
