package io.ultrafleet.scheduling.backfill;

import io.ultrafleet.workload.TopologyLevel;

/**
 * Where and when a waiting gang is expected to start: on {@code model}, in topology group {@code group} (a block, a
 * site, or -1 for the whole fleet, per {@code level}), at {@code shadowMs}, the time by which enough of the group's
 * racks are expected to be wholly free. Jobs ranked after the gang may use the racks held for it only if they are
 * expected to end by then.
 */
public record Reservation(int model, TopologyLevel level, int group, long shadowMs) {}
