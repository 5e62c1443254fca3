package io.ultrafleet.scheduling;

/** What one scheduling cycle did. */
public record CycleStats(int examined, int started, int preempted) {}
