package io.ultrafleet.report;

/**
 * A run directory, or a file in it, that a report cannot be made from: missing, unreadable or malformed. The message
 * is one line naming the file (and the row or field where it helps) and what was expected.
 */
public final class ReportInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }
}
