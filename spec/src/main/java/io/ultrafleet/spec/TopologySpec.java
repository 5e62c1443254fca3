package io.ultrafleet.spec;

import io.ultrafleet.workload.TopologyLevel;

/**
 * Where a gang must land ({@code required}) and where it would rather land ({@code preferred}), as in Kueue's
 * topology-aware scheduling.
 */
public record TopologySpec(TopologyLevel required, TopologyLevel preferred) {
    /** Within one network block, which is the default for gangs. */
    public static final TopologySpec DEFAULT = new TopologySpec(TopologyLevel.BLOCK, TopologyLevel.BLOCK);
}
