package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.budget.RunBudget;
import io.ultrafleet.twin.budget.RunEstimate;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
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
        ScenarioSource text = ScenarioSource.of(source);
        Scenario s = text.scenario(HardwareCatalogue.builtIn(), List.of());
        RunEstimate e = text.checkRun(s, 1);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%s: ok: scenario %s, %s to %s, %d deliveries (%,d racks), %d tenants, %d generators,"
                        + " %d explicit jobs%n",
                source.equals("-") ? ScenarioSource.STDIN : source,
                s.name(),
                Instant.ofEpochMilli(s.startMs()),
                Instant.ofEpochMilli(s.endMs()),
                s.fleet().deliveries().size(),
                e.racks(),
                s.tenants().size(),
                s.training().generators().size(),
                s.training().jobs().size());
        out.printf(
                "a run needs about %,d MiB of the %,d MiB heap Java has here: %s%n",
                e.heapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, RunBudget.describe(e));
        out.flush();
        return 0;
    }
}
