package io.ultrafleet.scheduling.placement;

/**
 * Which (hardware model, site) pairs a job may be placed on, from its queue's quotas: a hard constraint applied by
 * every placer (the filter extension point).
 */
@FunctionalInterface
public interface FlavorFilter {
    FlavorFilter ALL = (model, site) -> true;

    boolean allows(int model, int site);
}
