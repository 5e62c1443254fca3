package io.ultrafleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ultrafleet} command. Exit statuses ({@link ExitStatus}): 0 success, 1 a run that failed, 2 bad input
 * (flag, file or trace), 130 or 143 when stopped by Ctrl-C or SIGTERM.
 */
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
            BacktestCommand.class,
            ValidateCommand.class,
            ScenarioCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            SubmitCommand.class,
            ClientCommands.Jobs.class,
            ClientCommands.Job.class,
            ClientCommands.Cancel.class,
            ClientCommands.Queues.class,
            ClientCommands.Fleet.class,
            ForecastCommand.class,
            LoadCommand.class,
            SlurmTaskCommand.class
        })
public final class Main implements Runnable {
    /** Bad input: a scenario, trace or flag that cannot be used. */
    public static final int EXIT_BAD_INPUT = ExitStatus.BAD_INPUT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final StopSignal stop;

    private Main(StopSignal stop) {
        this.stop = stop;
    }

    public static void main(String[] args) {
        StopSignal stop = new StopSignal();
        stop.installHook();
        int status = run(stop, args);
        stop.ended();
        System.exit(status);
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        return run(new StopSignal(), args);
    }

    private static int run(StopSignal stop, String... args) {
        ErrorHandler errors = ErrorHandler.fromEnvironment();
        CommandLine cl = newCommandLine(stop, errors);
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // What the command's own handler did not see, such as running out of memory.
            return errors.handle(e, cl);
        }
    }

    static CommandLine newCommandLine() {
        return newCommandLine(new StopSignal(), ErrorHandler.fromEnvironment());
    }

    static CommandLine newCommandLine(StopSignal stop, ErrorHandler errors) {
        CommandLine cl = new CommandLine(new Main(stop));
        cl.setExpandAtFiles(false);
        FlagConverters.register(cl);
        cl.setParameterExceptionHandler(new FlagErrorHandler());
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /** The stop signal of the command that {@code spec} belongs to. */
    static StopSignal stopSignal(CommandLine.Model.CommandSpec spec) {
        return ((Main) spec.root().userObject()).stop;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
