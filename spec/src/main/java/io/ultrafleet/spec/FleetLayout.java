package io.ultrafleet.spec;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The shape of a scenario's fleet, without its racks: the topology (providers, regions, sites and their blocks) and
 * the hardware models in the order of their first delivery; and when its racks arrive. A driver builds the empty
 * {@link FleetState} from it, gives it to its {@code ClusterState}, and adds the racks through that as their time
 * comes: the twin on its clock, a server on its own.
 */
public final class FleetLayout {
    /** {@code racks} racks of {@code model} arrive at {@code site} at absolute time {@code atMs}. */
    public record Arrival(long atMs, int site, int model, int racks) {}

    /** Racks of {@code model} at {@code site} start to leave at absolute time {@code atMs}, youngest first. */
    public record Departure(long atMs, int site, int model, int racks) {}

    private final Topology topology;
    private final List<HardwareModel> models;
    private final List<Arrival> arrivals;
    private final List<Departure> departures;

    private FleetLayout(
            Topology topology, List<HardwareModel> models, List<Arrival> arrivals, List<Departure> departures) {
        this.topology = topology;
        this.models = List.copyOf(models);
        this.arrivals = List.copyOf(arrivals);
        this.departures = List.copyOf(departures);
    }

    /** The layout of {@code spec}, whose models {@code catalogue} names. */
    public static FleetLayout of(FleetSpec spec, HardwareCatalogue catalogue) {
        Topology.Builder tb = Topology.builder();
        for (var p : spec.providers()) {
            int pi = tb.provider(p.name());
            for (var r : p.regions()) {
                int ri = tb.region(pi, r.name());
                for (var s : r.sites()) {
                    tb.site(ri, s.name(), s.racksPerBlock());
                }
            }
        }
        List<HardwareModel> models = new ArrayList<>();
        for (var d : spec.deliveries()) {
            HardwareModel m = catalogue.model(d.model()).orElseThrow();
            if (!models.contains(m)) {
                models.add(m);
            }
        }
        Topology topology = tb.build(models.size());
        List<Arrival> arrivals = new ArrayList<>();
        for (FleetSpec.DeliverySpec d : spec.deliveries()) {
            int site = topology.siteIndex(d.site());
            int model = indexOf(models, d.model());
            DailyBatches plan = new DailyBatches(d.racks(), d.startMs(), d.endMs());
            for (long i = 0; i < plan.batches(); i++) {
                arrivals.add(new Arrival(plan.at(i), site, model, (int) plan.size(i)));
            }
        }
        List<Departure> departures = new ArrayList<>();
        for (FleetSpec.DecommissionSpec d : spec.decommissions()) {
            departures.add(
                    new Departure(d.atMs(), topology.siteIndex(d.site()), indexOf(models, d.model()), d.racks()));
        }
        return new FleetLayout(topology, models, arrivals, departures);
    }

    private static int indexOf(List<HardwareModel> models, String name) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Topology topology() {
        return topology;
    }

    public List<HardwareModel> models() {
        return models;
    }

    /** A new fleet of this shape, with no racks yet. */
    public FleetState emptyFleet() {
        return new FleetState(topology, models);
    }

    /** Every batch of racks, in the order of the deliveries and, within one, of time. */
    public List<Arrival> arrivals() {
        return arrivals;
    }

    /** The batches in time order (a stable sort: at one instant, in delivery order). */
    public List<Arrival> arrivalsInTimeOrder() {
        List<Arrival> out = new ArrayList<>(arrivals);
        out.sort(Comparator.comparingLong(Arrival::atMs));
        return out;
    }

    public List<Departure> departures() {
        return departures;
    }
}
