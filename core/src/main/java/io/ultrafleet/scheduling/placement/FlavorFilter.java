package io.ultrafleet.scheduling.placement;

/**
 * Which (hardware model, site) pairs a job may be placed on, from its queue's quotas: a hard constraint applied by
 * every placer (the filter extension point).
 *
 * <p>A filter may also come in steps, the places to try first: the placer looks for room in {@code upTo(0)}, then in
 * {@code upTo(1)}, and so on; the last step is the whole filter. A plain filter has one step.
 */
@FunctionalInterface
public interface FlavorFilter {
    FlavorFilter ALL = (model, site) -> true;

    boolean allows(int model, int site);

    /** Number of steps in which the placer widens its search; 1 for a plain filter. */
    default int steps() {
        return 1;
    }

    /** The places of the first {@code step + 1} steps; the last step is this filter. */
    default FlavorFilter upTo(int step) {
        return this;
    }
}
