package io.ultrafleet.cli;

import io.ultrafleet.report.Reports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet compare DIR_A DIR_B ...}: runs side by side in one report. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Write a report comparing runs (simulate --out directories): their figures side by side with"
                + " the change from the first, and their time series overlaid.")
final class CompareCommand implements Callable<Integer> {
    /** The most runs one comparison shows. */
    static final int MAX_RUNS = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0..*",
            arity = "2..*",
            paramLabel = "DIR",
            description = "Run directories; the first is" + " the baseline.")
    List<Path> dirs;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "compare.html",
            description = "The report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        StopSignal stop = Main.stopSignal(spec);
        if (dirs.size() > MAX_RUNS) {
            throw new BadFlagException(
                    "DIR",
                    null,
                    "given " + dirs.size() + " times; allowed at most " + MAX_RUNS + " runs in one comparison");
        }
        OutputChecks.file("--out", out);
        try (StagedOutput staged = StagedOutput.beginFile("--out", out, stop)) {
            Reports.writeCompare(dirs, staged.file());
            stop.check();
            staged.commit();
        }
        spec.commandLine().getOut().printf("Wrote %s comparing %d runs%n", out, dirs.size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
