package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.scenario.Scenario;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet validate FILE}: checks a scenario without running it. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a scenario file (or built-in scenario name) and report the first problem, if any.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME", description = "Scenario file, or the name of a built-in one.")
    String source;

    @Override
    public Integer call() {
        Scenario s = ScenarioSource.load(source, HardwareCatalogue.builtIn());
        int racks = s.fleet().deliveries().stream().mapToInt(d -> d.racks()).sum();
        spec.commandLine()
                .getOut()
                .printf(
                        "%s: ok: scenario %s, %s to %s, %d deliveries (%,d racks), %d tenants, %d generators,"
                                + " %d explicit jobs%n",
                        source,
                        s.name(),
                        Instant.ofEpochMilli(s.startMs()),
                        Instant.ofEpochMilli(s.endMs()),
                        s.fleet().deliveries().size(),
                        racks,
                        s.tenants().size(),
                        s.training().generators().size(),
                        s.training().jobs().size());
        return 0;
    }
}
