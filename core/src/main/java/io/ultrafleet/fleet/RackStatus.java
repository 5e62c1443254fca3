package io.ultrafleet.fleet;

/** Life of a rack in the fleet. Stored as its ordinal in a byte array. */
public enum RackStatus {
    /** Online and taking work. */
    ONLINE,
    /** Leaving: no new work; it goes once its last job ends. */
    DRAINING,
    /** Decommissioned. */
    GONE;

    static final RackStatus[] VALUES = values();
}
