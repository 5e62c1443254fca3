package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.workload.TopologyLevel;

/**
 * How a replay sets the scheduler core up for Philly's jobs: whether each VC's jobs start in submission order, where a
 * gang of several servers may go, and whether waiting gangs get backfill reservations. The queue order among VCs,
 * placement inside a server, gang holds and quota checks are the core's own in every policy. Registered by name in {@link
 * PhillyPolicies}.
 */
public interface PhillyPolicy {
    /** The name given to {@code --policy}. */
    String name();

    /** One line for the command's output. */
    String summary();

    /** Whether each VC's jobs start in submission order, a waiting job holding back the later ones of its VC. */
    boolean firstComeFirstServedPerVc();

    /** The level a gang of several servers must stay within. */
    TopologyLevel required();

    /** The level it is placed within when it can be. */
    TopologyLevel preferred();

    /** Whether waiting gangs get reservations, which shorter jobs may use until the gang starts (backfill). */
    boolean backfill();
}
