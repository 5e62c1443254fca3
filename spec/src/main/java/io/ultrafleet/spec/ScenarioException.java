package io.ultrafleet.spec;

/**
 * A scenario file that cannot be loaded: bad YAML, a missing or unknown field, a value of the wrong type or out of
 * range, a name that refers to nothing, or times out of order. It names one problem, the first found, and where it
 * is.
 *
 * <p>{@link #getMessage()} is one line: {@code FILE:LINE:COL: DETAIL}, where the detail is, for most problems,
 * {@code field 'PATH': found X, allowed Y} and, for a key the format does not know, {@code unknown field 'PATH' (did
 * you mean 'KEY'?); allowed: A, B, C}.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String detail;

    /**
     * @param file what the file is called in messages (a path, or {@code builtin:NAME})
     * @param line 1-based line
     * @param column 1-based column
     * @param field dotted path of the field at fault, such as {@code fleet.deliveries[2].racks}; empty when the
     *     problem is not in one field (YAML syntax, an empty document)
     * @param detail the message after the location
     */
    public ScenarioException(String file, int line, int column, String field, String detail) {
        super(file + ":" + line + ":" + column + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.detail = detail;
    }

    /** What the file is called: the path as given, or {@code builtin:NAME}. */
    public String file() {
        return file;
    }

    /** The line of the problem, from 1. */
    public int line() {
        return line;
    }

    /** The column of the problem, from 1. */
    public int column() {
        return column;
    }

    /** Dotted path of the field at fault, like {@code fleet.deliveries[2].racks}; empty if none. */
    public String field() {
        return field;
    }

    /** The message without its {@code FILE:LINE:COL: } prefix. */
    public String detail() {
        return detail;
    }
}
