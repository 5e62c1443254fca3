package io.ultrafleet.twin.forecast;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.engine.Simulation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fleet's planned changes after a snapshot, on a replication's clock: racks delivered as the layout plans them, and
 * planned decommissions taking the youngest racks of their model and site, idle ones before busy ones (which drain),
 * as the twin does. Changes at or before the snapshot are taken to be in it already.
 */
final class PlannedFleet {
    private PlannedFleet() {}

    /** Puts the changes after {@code now} and before {@code end} on the clock; {@code changed} runs after each. */
    static void schedule(
            FleetLayout layout,
            Epoch epoch,
            Simulation sim,
            long now,
            long end,
            ClusterState cluster,
            Runnable changed) {
        for (FleetLayout.Arrival a : layout.arrivals()) {
            long at = epoch.toTime(a.atMs());
            if (at > now && at < end) {
                sim.at(at, t -> {
                    for (int i = 0; i < a.racks(); i++) {
                        cluster.addRack(a.site(), a.model());
                    }
                    changed.run();
                });
            }
        }
        for (FleetLayout.Departure d : layout.departures()) {
            long at = epoch.toTime(d.atMs());
            if (at > now && at < end) {
                sim.at(at, t -> {
                    for (int rack : youngestIdleFirst(cluster.fleet(), d.site(), d.model(), d.racks())) {
                        cluster.decommission(rack);
                    }
                    changed.run();
                });
            }
        }
    }

    /** The racks a decommission takes, in its order: idle before busy, youngest first; at most {@code count}. */
    private static List<Integer> youngestIdleFirst(FleetView fleet, int site, int model, int count) {
        List<Integer> online = new ArrayList<>();
        for (int r = 0; r < fleet.rackCount(); r++) {
            if (fleet.rackStatus(r) == RackStatus.ONLINE
                    && fleet.rackModel(r) == model
                    && fleet.topology().blockSite(fleet.rackBlock(r)) == site) {
                online.add(r);
            }
        }
        int units = fleet.model(model).unitsPerDomain();
        online.sort(Comparator.comparing((Integer r) -> fleet.rackFreeUnits(r) != units)
                .thenComparing(Comparator.reverseOrder()));
        return online.subList(0, Math.min(count, online.size()));
    }
}
