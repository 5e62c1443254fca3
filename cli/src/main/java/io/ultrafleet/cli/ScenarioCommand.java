package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet scenario list|export NAME}: the built-in scenarios. */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        description = "List the built-in scenarios, or print one as YAML.",
        subcommands = {ScenarioCommand.List.class, ScenarioCommand.Export.class})
final class ScenarioCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
    static final class List implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (String name : BuiltInScenarios.NAMES) {
                Scenario s = ScenarioSource.load(name, HardwareCatalogue.builtIn());
                String marker = name.equals(BuiltInScenarios.defaultName()) ? " (default)" : "";
                out.printf("%s%s%n    %s%n", name, marker, s.description());
            }
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Print a built-in scenario as YAML; `simulate` and `validate` accept the output as it is.")
    static final class Export implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Name of a built-in scenario.")
        String name;

        @Override
        public void run() {
            String yaml = BuiltInScenarios.yaml(name)
                    .orElseThrow(() -> new BadInputException("no built-in scenario named '" + name + "' (built-in: "
                            + String.join(", ", BuiltInScenarios.NAMES) + ")"));
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
        }
    }
}
