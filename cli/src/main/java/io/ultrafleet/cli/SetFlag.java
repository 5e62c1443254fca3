package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.FieldOverride;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioOverrides;
import io.ultrafleet.twin.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --set PATH=VALUE}, given any number of times: fields of the scenario set before it is validated, by the dotted
 * path its errors name. A command that runs a scenario mixes this in.
 */
final class SetFlag {
    @Option(
            names = "--set",
            paramLabel = "PATH=VALUE",
            description = "Set one field of the scenario before the run, by its dotted path as errors name it"
                    + " (training.generators[3].arrivals.rates[3].perDay=8000); may be given more than once.")
    List<String> sets = new ArrayList<>();

    /** The fields to set, in the order given. */
    List<FieldOverride> overrides() {
        List<FieldOverride> out = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            String path = eq <= 0 ? "" : s.substring(0, eq).strip();
            if (!FieldOverride.PATH.matcher(path).matches()
                    || s.substring(eq + 1).isBlank()) {
                throw new BadFlagException("--set", s, "is not PATH=VALUE with " + FieldOverride.PATH_SYNTAX);
            }
            out.add(new FieldOverride(path, s.substring(eq + 1).strip()));
        }
        return out;
    }

    /**
     * The scenario of {@code text} with the fields set; a value that makes it invalid is an error of {@code --set},
     * with the scenario's own message.
     */
    Scenario load(ScenarioSource text) {
        List<FieldOverride> overrides = overrides();
        try {
            return text.scenario(HardwareCatalogue.builtIn(), overrides);
        } catch (ScenarioException e) {
            if (overrides.isEmpty() || e.detail().startsWith("--set ")) {
                throw e;
            }
            throw new BadFlagException(
                    "--set", String.join(" ", sets), "gives a scenario that is not valid: " + e.getMessage());
        }
    }

    /**
     * The scenario text the run really has: {@code text} itself when nothing is set, else its document with the fields
     * set, written back as YAML (what {@code --out} keeps as {@code scenario.yaml}, and replications run).
     */
    ScenarioSource effective(ScenarioSource text) {
        List<FieldOverride> overrides = overrides();
        if (overrides.isEmpty()) {
            return text;
        }
        return new ScenarioSource(text.name(), ScenarioOverrides.yaml(text.name(), text.yaml(), overrides));
    }
}
