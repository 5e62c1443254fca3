package io.ultrafleet.cli;

import java.util.List;
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
        description = "Scheduler and digital twin for frontier-scale AI compute fleets.")
public final class Main implements Runnable {
    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CancelCommand.class,
            ClientCommands.Queues.class,
            SetQueueCommand.class,
            ClientCommands.Fleet.class,
            RacksCommand.class,
            AdminCommands.Drain.class,
            AdminCommands.Undrain.class,
            AdminCommands.Token.class,
            AdminCommands.Audit.class,
            ForecastCommand.class,
            LoadCommand.class,
            SlurmTaskCommand.class);

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
        CommandLine cl = newCommandLine(stop, errors, args);
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // What the command's own handler did not see, such as running out of memory.
            return errors.handle(e, cl);
        }
    }

    /** The whole command line, every subcommand in it. */
    static CommandLine newCommandLine() {
        return commandLineFor();
    }

    /** The command line {@link #run(String...)} builds to run {@code args}. */
    static CommandLine commandLineFor(String... args) {
        return newCommandLine(new StopSignal(), ErrorHandler.fromEnvironment(), args);
    }

    /**
     * The command line to run {@code args}: when the first names a subcommand, with that one alone, since building
     * every subcommand's model takes a cold JVM about a third of a second; otherwise (no subcommand, help, a misspelt
     * name) with all of them, so that the usage and the suggestions list them all.
     */
    private static CommandLine newCommandLine(StopSignal stop, ErrorHandler errors, String... args) {
        CommandLine cl = new CommandLine(new Main(stop));
        Class<?> only = args.length == 0 ? null : subcommandNamed(args[0]);
        for (Class<?> sub : SUBCOMMANDS) {
            if (only == null || sub == only) {
                cl.addSubcommand(sub);
            }
        }
        cl.setExpandAtFiles(false);
        FlagConverters.register(cl);
        cl.setParameterExceptionHandler(new FlagErrorHandler());
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /** The subcommand called {@code name} (by its name or an alias), or null when none is. */
    private static Class<?> subcommandNamed(String name) {
        for (Class<?> sub : SUBCOMMANDS) {
            Command c = sub.getAnnotation(Command.class);
            if (c.name().equals(name) || List.of(c.aliases()).contains(name)) {
                return sub;
            }
        }
        return null;
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
