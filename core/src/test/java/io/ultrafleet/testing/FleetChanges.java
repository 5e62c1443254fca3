package io.ultrafleet.testing;

import io.ultrafleet.fleet.FleetState;
import java.util.SplittableRandom;

/** Random changes to a fleet of 18-tray racks, for tests that hold a view or a memo to fresh answers through them. */
public final class FleetChanges {
    private static final long ALL = (1L << 18) - 1;

    private FleetChanges() {}

    /**
     * A small fleet with two sites and two models, for random changes: site a, blocks of 4, 8 GB200 racks; site b,
     * blocks of 3, 6 GB200 and 3 GB300 racks.
     */
    public static FleetState twoSites() {
        return Fleets.fleet()
                .site("a", 4)
                .site("b", 3)
                .racks("a", "gb200-nvl72", 8)
                .racks("b", "gb200-nvl72", 6)
                .racks("b", "gb300-nvl72", 3)
                .build();
    }

    /**
     * One random change: a rack or a tray taken or given back, a tray failed or repaired. Racks out of service (being
     * decommissioned) are not taken.
     */
    public static void random(FleetState f, SplittableRandom rnd) {
        int r = rnd.nextInt(f.rackCount());
        long tray = 1L << rnd.nextInt(18);
        switch (rnd.nextInt(5)) {
            case 0 -> {
                if (f.rackFreeMask(r) == ALL && f.rackSchedulable(r)) {
                    f.allocate(r, ALL);
                }
            }
            case 1 -> {
                long held = ALL & ~f.rackFreeMask(r) & ~f.rackDownMask(r);
                if (held != 0) {
                    f.release(r, held);
                }
            }
            case 2 -> {
                if ((f.rackFreeMask(r) & tray) != 0 && f.rackSchedulable(r)) {
                    f.allocate(r, tray);
                }
            }
            case 3 -> {
                if ((f.rackFreeMask(r) & tray) != 0) {
                    f.takeDown(r, tray);
                }
            }
            default -> {
                if ((f.rackDownMask(r) & tray) != 0) {
                    f.bringUp(r, tray);
                }
            }
        }
    }
}
