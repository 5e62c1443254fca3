package io.ultrafleet.twin.replay;

/**
 * A trace file that cannot be used: missing, unreadable, a header without a needed column, or a row with a value out
 * of range. It names the first problem found and where: {@link #getMessage()} is one line, {@code FILE:LINE: field
 * 'NAME': found X, allowed Y}, where LINE counts from 1 and the header is line 1 (so it is the CSV row number plus
 * one), or {@code FILE: DETAIL} for a problem with the file as a whole.
 */
public final class OpenbTraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String field;

    /**
     * @param file the file as named on the command line
     * @param line 1-based line of the problem (the header is line 1); 0 for the file as a whole
     * @param field the column at fault; empty if none
     * @param detail what is wrong
     */
    public OpenbTraceException(String file, int line, String field, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + detail);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** The 1-based line; the header is line 1; 0 for the file as a whole. */
    public int line() {
        return line;
    }

    /** The column at fault, or empty. */
    public String field() {
        return field;
    }
}
