package io.ultrafleet.twin.replay.philly;

import io.ultrafleet.workload.TopologyLevel;
import java.util.List;
import java.util.Optional;

/**
 * The policies {@code ultrafleet replay philly} knows: {@code philly}, as close to Philly's scheduler as the published
 * description allows (the default), and Ultrafleet's own, each adding one thing to the one before: {@code fair}
 * (the core's fair-share order, in which a VC's waiting job does not hold back its later ones), {@code backfill} (reservations for waiting gangs, filled by shorter jobs) and
 * {@code topology} (gangs kept in one rack of servers when one has room). docs/replay.md describes each.
 */
public final class PhillyPolicies {
    /** The default policy. */
    public static final String DEFAULT = "philly";

    private record Spec(
            String name,
            String summary,
            boolean firstComeFirstServedPerVc,
            TopologyLevel required,
            TopologyLevel preferred,
            boolean backfill)
            implements PhillyPolicy {}

    private static final List<PhillyPolicy> ALL = List.of(
            new Spec(
                    "philly",
                    "Philly-like: each VC's jobs first come, first served; gangs on whole servers anywhere",
                    true,
                    TopologyLevel.SITE,
                    TopologyLevel.SITE,
                    false),
            new Spec(
                    "fair",
                    "fair share: a VC's waiting job lets its later jobs pass; the VC furthest below its share first",
                    false,
                    TopologyLevel.SITE,
                    TopologyLevel.SITE,
                    false),
            new Spec(
                    "backfill",
                    "fair share and backfill: waiting gangs get reservations that shorter jobs may use",
                    false,
                    TopologyLevel.SITE,
                    TopologyLevel.SITE,
                    true),
            new Spec(
                    "topology",
                    "fair share, backfill, and gangs kept in one rack of servers when one has room",
                    false,
                    TopologyLevel.SITE,
                    TopologyLevel.BLOCK,
                    true));

    private PhillyPolicies() {}

    public static Optional<PhillyPolicy> named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(PhillyPolicy::name).toList();
    }
}
