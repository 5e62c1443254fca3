package io.ultrafleet.server.live;

/**
 * A history line owed to a waiting job that a change of its queue's class re-ranked ({@link RerankWrites}): when it
 * was re-ranked and what the line says. One line serves every job one change re-ranked; a job re-ranked again before
 * its line was written owes a line of its own that names the one {@code before} it, so that its history keeps every
 * step, in order.
 */
record OwedLine(long at, String text, OwedLine before) {
    /** The line of a change at {@code at} saying {@code text}, owed by whichever jobs it re-ranked. */
    OwedLine(long at, String text) {
        this(at, text, null);
    }

    /** This change's line owed by a job that still owes {@code earlier}, after it. */
    OwedLine after(OwedLine earlier) {
        return new OwedLine(at, text, earlier);
    }
}
