package io.ultrafleet.twin.budget;

/**
 * A scenario that is valid field by field but whose run would not fit: more racks, jobs, samples or memory than a run
 * may have, or than the heap it will get. The message is one line naming the scenario, the figure, its estimate and
 * the limit, and what to do.
 */
public final class RunLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunLimitException(String message) {
        super(message);
    }
}
