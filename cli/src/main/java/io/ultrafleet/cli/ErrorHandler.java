package io.ultrafleet.cli;

import io.ultrafleet.report.ReportInputException;
import io.ultrafleet.twin.scenario.ScenarioException;
import picocli.CommandLine;

/** Turns failures into one line on stderr and an exit code: 2 for bad input, 1 for anything else. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (ex instanceof ScenarioException || ex instanceof BadInputException || ex instanceof ReportInputException) {
            cl.getErr().println("error: " + ex.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        cl.getErr().println("internal error: " + ex);
        ex.printStackTrace(cl.getErr());
        return 1;
    }
}
