package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.spec.FleetLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The fleet's planned deliveries and departures of racks, as the server's clock reaches them: racks delivered come
 * online, racks of a departure leave (the last online ones of their model at their site).
 */
final class Deliveries {
    private final List<FleetLayout.Arrival> arrivals;
    private final List<FleetLayout.Departure> departures;
    private final long epochMs;
    private int nextArrival;
    private int nextDeparture;

    /** @param epochMs the server's time 0, as an absolute instant */
    Deliveries(FleetLayout layout, long epochMs) {
        this.arrivals = layout.arrivalsInTimeOrder();
        this.departures = new ArrayList<>(layout.departures());
        this.departures.sort(Comparator.comparingLong(FleetLayout.Departure::atMs));
        this.epochMs = epochMs;
    }

    /**
     * Brings the racks delivered up to {@code now} online and takes out those whose departure is due, calling
     * {@code leaving} with each rack before it goes; true if any came or went.
     */
    boolean advance(long now, ClusterState cluster, IntConsumer leaving) {
        long absolute = epochMs + now;
        boolean changed = false;
        while (nextArrival < arrivals.size() && arrivals.get(nextArrival).atMs() <= absolute) {
            FleetLayout.Arrival a = arrivals.get(nextArrival++);
            for (int i = 0; i < a.racks(); i++) {
                cluster.addRack(a.site(), a.model());
            }
            changed = true;
        }
        FleetView fleet = cluster.fleet();
        while (nextDeparture < departures.size()
                && departures.get(nextDeparture).atMs() <= absolute) {
            FleetLayout.Departure d = departures.get(nextDeparture++);
            int left = d.racks();
            for (int r = fleet.rackCount() - 1; r >= 0 && left > 0; r--) {
                if (fleet.rackModel(r) == d.model()
                        && fleet.topology().blockSite(fleet.rackBlock(r)) == d.site()
                        && fleet.rackStatus(r) == RackStatus.ONLINE) {
                    leaving.accept(r);
                    cluster.decommission(r);
                    left--;
                }
            }
            changed = true;
        }
        return changed;
    }

    /** When the next delivery or departure is due, in the server's clock; Long.MAX_VALUE when none is left. */
    long nextAt() {
        long next = Long.MAX_VALUE;
        if (nextArrival < arrivals.size()) {
            next = arrivals.get(nextArrival).atMs() - epochMs;
        }
        if (nextDeparture < departures.size()) {
            next = Math.min(next, departures.get(nextDeparture).atMs() - epochMs);
        }
        return next;
    }
}
