package io.ultrafleet.twin.replay.philly;

/** A virtual cluster and its share of the fleet, in servers. */
public record PhillyVc(String name, int nodes) {}
