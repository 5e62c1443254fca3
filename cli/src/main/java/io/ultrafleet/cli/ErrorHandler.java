package io.ultrafleet.cli;

import io.ultrafleet.report.ReportInputException;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.input.ErrorWords;
import io.ultrafleet.twin.budget.RunLimitException;
import io.ultrafleet.twin.replay.TraceFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;

/**
 * Turns what ended a command into one or two lines on stderr and an exit status ({@link ExitStatus}): 2 for bad
 * input, 1 for a run that failed, 130 when stopped. A bug prints one line and the file where its full trace was
 * written (under the system's temporary folder); with {@code ULTRAFLEET_DEBUG=1} the trace is printed as well.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final boolean debug;
    private final Path traceFolder;

    /**
     * @param debug whether to print a bug's full trace on stderr too
     * @param traceFolder where a bug's trace file is written
     */
    ErrorHandler(boolean debug, Path traceFolder) {
        this.debug = debug;
        this.traceFolder = traceFolder;
    }

    /** As the command runs for its user: {@code ULTRAFLEET_DEBUG} and the system's temporary folder. */
    static ErrorHandler fromEnvironment() {
        String flag = System.getenv("ULTRAFLEET_DEBUG");
        boolean debug = flag != null && !flag.isEmpty() && !flag.equals("0");
        return new ErrorHandler(debug, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        return handle(ex, cl);
    }

    /** Prints what ended the command and returns its exit status. */
    int handle(Throwable ex, CommandLine cl) {
        PrintWriter err = cl.getErr();
        int status = describe(ex, cl, err);
        err.flush();
        return status;
    }

    private int describe(Throwable ex, CommandLine cl, PrintWriter err) {
        if (ex instanceof StopSignal.Stopped) {
            err.println("stopped: what this command had begun to write was removed");
            return ExitStatus.INTERRUPTED;
        }
        if (ex instanceof BadFlagException) {
            err.println("error: " + ex.getMessage());
            err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
            return ExitStatus.BAD_INPUT;
        }
        if (ex instanceof ScenarioException
                || ex instanceof BadInputException
                || ex instanceof ReportInputException
                || ex instanceof TraceFileException
                || ex instanceof RunLimitException
                || ex instanceof io.ultrafleet.server.StartupException) {
            err.println("error: " + ex.getMessage());
            return ExitStatus.BAD_INPUT;
        }
        if (ex instanceof SlurmRunException) {
            err.println("error: " + ex.getMessage());
            return ExitStatus.FAILED;
        }
        if (ex instanceof OutOfMemoryError) {
            err.println("error: out of memory: this needed more than the "
                    + String.format("%,d", Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB of heap Java was given; give it more with ULTRAFLEET_JAVA_OPTS=-Xmx..."
                    + " (such as -Xmx16g)");
            return ExitStatus.FAILED;
        }
        IOException io = ex instanceof UncheckedIOException u ? u.getCause() : ex instanceof IOException i ? i : null;
        if (io != null) {
            err.println("error: " + ErrorWords.of(io));
            return ExitStatus.FAILED;
        }
        Path trace = writeTrace(ex);
        err.println("error: internal error: ultrafleet failed where it should not (a bug; please report it with "
                + (trace == null ? "the trace below" : "the trace in " + trace) + ")");
        if (debug || trace == null) {
            ex.printStackTrace(err);
        }
        return ExitStatus.FAILED;
    }

    private Path writeTrace(Throwable ex) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        w.println("ultrafleet internal error at " + Instant.now());
        w.println(new VersionProvider().getVersion()[0] + ", Java " + System.getProperty("java.version"));
        ex.printStackTrace(w);
        w.flush();
        try {
            Path file = Files.createTempFile(traceFolder, "ultrafleet-error-", ".txt");
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
