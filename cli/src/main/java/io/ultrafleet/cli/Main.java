package io.ultrafleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ultrafleet} command. Exit codes: 0 success, 1 internal failure, 2 bad input (file, trace or flag). */
@Command(
        name = "ultrafleet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Scheduler and digital twin for frontier-scale AI compute fleets.",
        subcommands = {
            SimulateCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            ValidateCommand.class,
            ScenarioCommand.class,
            ReplayCommand.class,
            BenchCommand.class
        })
public final class Main implements Runnable {
    /** Bad input: a scenario, trace or flag that cannot be used. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
