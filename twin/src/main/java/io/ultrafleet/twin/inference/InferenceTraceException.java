package io.ultrafleet.twin.inference;

import io.ultrafleet.twin.replay.TraceFileException;

/** An inference request trace (Azure CSV or Mooncake JSON lines) that cannot be used. */
public final class InferenceTraceException extends TraceFileException {
    private static final long serialVersionUID = 1L;

    public InferenceTraceException(String file, int line, String field, String detail) {
        super(file, line, field, detail);
    }
}
