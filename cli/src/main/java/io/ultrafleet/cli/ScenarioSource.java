package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.spec.FieldOverride;
import io.ultrafleet.spec.ScenarioLimits;
import io.ultrafleet.spec.ScenarioText;
import io.ultrafleet.twin.budget.RunBudget;
import io.ultrafleet.twin.budget.RunEstimate;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
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

    /** What errors call a scenario read from standard input ({@code -}). */
    static final String STDIN = "standard input";

    /**
     * The scenario text behind a command's argument (null for the default scenario): a file (a pipe, such as {@code
     * <(...)}, too), {@code -} for standard input, else a built-in name.
     */
    static ScenarioSource of(String fileOrName) {
        String arg = fileOrName == null ? BuiltInScenarios.defaultName() : fileOrName;
        if (arg.equals("-")) {
            return new ScenarioSource(STDIN, ScenarioText.decode(stdin(), STDIN));
        }
        Path file = FlagConverters.pathOrNull(arg);
        if (file != null && Files.isDirectory(file)) {
            throw new BadInputException(arg + ": is a folder, not a scenario file");
        }
        if (file != null && Files.exists(file)) {
            return new ScenarioSource(file.toString(), ScenarioText.read(file, file.toString()));
        }
        String yaml = BuiltInScenarios.yaml(arg)
                .orElseThrow(() -> new BadInputException(arg + ": no such file, and no built-in scenario of that name"
                        + " (built-in: " + String.join(", ", BuiltInScenarios.NAMES) + ")"));
        return new ScenarioSource(BuiltInScenarios.sourceName(arg), yaml);
    }

    private static byte[] stdin() {
        try {
            // one byte more than a scenario may have, so that a larger one is refused as such
            return System.in.readNBytes(ScenarioLimits.MAX_FILE_BYTES + 1);
        } catch (java.io.IOException e) {
            throw new BadInputException(STDIN + ": cannot be read");
        }
    }

    /**
     * Checks that a run of {@code s} fits the limits of a run and this JVM's heap, with {@code runsAtOnce} runs
     * sharing the heap; returns the estimate.
     *
     * @throws io.ultrafleet.twin.budget.RunLimitException naming the figure that does not fit
     */
    RunEstimate checkRun(Scenario s, int runsAtOnce) {
        RunEstimate e = RunEstimate.of(s, HardwareCatalogue.builtIn());
        RunBudget.check(name, e, Runtime.getRuntime().maxMemory(), runsAtOnce);
        return e;
    }

    /** The validated scenario, with {@code overrides} put in before validation. */
    Scenario scenario(HardwareCatalogue catalogue, List<FieldOverride> overrides) {
        return new ScenarioLoader(catalogue).load(name, new StringReader(yaml), overrides);
    }
}
