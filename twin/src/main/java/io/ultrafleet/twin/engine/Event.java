package io.ultrafleet.twin.engine;

/** Something that happens at a simulated instant. */
@FunctionalInterface
public interface Event {
    /** Called at simulated time {@code now} (ms since the scenario epoch). */
    void fire(long now);
}
