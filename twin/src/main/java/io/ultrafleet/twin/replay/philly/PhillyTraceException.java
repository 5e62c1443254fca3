package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.twin.replay.TraceFileException;

/**
 * A Philly job list, machine list or VC list that cannot be used; LINE counts from 1 with the header as line 1, so a
 * CSV row is its row number plus one.
 */
public final class PhillyTraceException extends TraceFileException {
    private static final long serialVersionUID = 1L;

    public PhillyTraceException(String file, int line, String field, String detail) {
        super(file, line, field, detail);
    }
}
