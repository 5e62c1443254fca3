package io.ultrafleet.twin.replay;

/** An openb node or pod list that cannot be used; the header is line 1, so LINE is the CSV row number plus one. */
public final class OpenbTraceException extends TraceFileException {
    private static final long serialVersionUID = 1L;

    public OpenbTraceException(String file, int line, String field, String detail) {
        super(file, line, field, detail);
    }
}
