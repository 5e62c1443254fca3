package io.ultrafleet.spec.input;

/**
 * What is wrong with the text of an input file, and where: thrown by {@link TextFile} and {@link LineReader}, and
 * turned by each reader into its own error, which names the file.
 */
public final class InputProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * @param line 1-based line, or 0 for the file as a whole
     * @param column 1-based column, or 0 when not known
     * @param detail what is wrong, in the user's words
     */
    public InputProblem(int line, int column, String detail) {
        super(detail, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String detail() {
        return getMessage();
    }
}
