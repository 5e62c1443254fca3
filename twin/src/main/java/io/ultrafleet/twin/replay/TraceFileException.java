package io.ultrafleet.twin.replay;

/**
 * A trace file that cannot be used: missing, unreadable, empty, a header without a needed column, or a row with a
 * value that is not allowed. It names the first problem found: {@link #getMessage()} is one line, {@code FILE:LINE:
 * field 'NAME': found X, allowed Y}, where LINE counts from 1 (a CSV header is line 1), or {@code FILE: DETAIL} for
 * the file as a whole. Each trace reader throws its own subclass.
 */
public class TraceFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String field;

    /**
     * @param file the file as named by the user
     * @param line 1-based line of the problem; 0 for the file as a whole
     * @param field the column or JSON field at fault; empty if none
     * @param detail what is wrong and what is allowed
     */
    public TraceFileException(String file, int line, String field, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + detail);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** The 1-based line, or 0 for the file as a whole. */
    public int line() {
        return line;
    }

    /** The column or field at fault, or empty. */
    public String field() {
        return field;
    }
}
