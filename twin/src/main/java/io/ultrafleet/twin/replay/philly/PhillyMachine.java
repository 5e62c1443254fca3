package io.ultrafleet.twin.replay.philly;

/** One server of a Philly machine list and its GPUs (0 for a server that reported none). */
public record PhillyMachine(String name, int gpus) {}
