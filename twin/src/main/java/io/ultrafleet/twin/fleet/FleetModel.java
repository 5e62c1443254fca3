package io.ultrafleet.twin.fleet;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.spec.FleetLayout;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.engine.Simulation;
import java.util.List;

/**
 * The simulated fleet: builds the topology from the scenario and turns its deliveries and decommissions into
 * events on the simulation clock. Racks of a delivery come online in equal daily batches (the remainder going to
 * the earliest days) from the delivery's first to its last day.
 */
public final class FleetModel {
    private final FleetState state;
    private final FleetLayout layout;
    private final List<HardwareModel> models;
    private final CpuPools cpuPools;
    private final Epoch epoch;
    private Runnable onCapacityChange = () -> {};

    public FleetModel(FleetSpec spec, HardwareCatalogue catalogue, Epoch epoch) {
        this.epoch = epoch;
        this.layout = FleetLayout.of(spec, catalogue);
        this.models = layout.models();
        state = layout.emptyFleet();
        cpuPools = new CpuPools(spec.cpuPools(), catalogue, layout.topology(), epoch);
    }

    /** Called after racks arrive, so that the scheduler can look again. */
    public void onCapacityChange(Runnable listener) {
        this.onCapacityChange = listener;
    }

    public FleetState state() {
        return state;
    }

    public CpuPools cpuPools() {
        return cpuPools;
    }

    /** Index of the model in this fleet, or -1 when no delivery brings it. */
    public int modelIndex(String name) {
        return state.modelIndex(name);
    }

    /**
     * Puts every delivery batch and decommission of {@code spec} on the clock; when they come, they change the fleet
     * through {@code cluster}, its one writer.
     */
    public void schedule(FleetSpec spec, Simulation sim, long endMs, ClusterState cluster) {
        for (FleetLayout.Arrival a : layout.arrivals()) {
            if (a.atMs() < endMs) {
                sim.at(Math.max(0, epoch.toTime(a.atMs())), now -> deliver(cluster, a.site(), a.model(), a.racks()));
            }
        }
        for (FleetLayout.Departure d : layout.departures()) {
            if (d.atMs() < endMs) {
                sim.at(
                        Math.max(0, epoch.toTime(d.atMs())),
                        now -> decommission(cluster, d.site(), d.model(), d.racks()));
            }
        }
        cpuPools.schedule(sim, endMs);
    }

    private void deliver(ClusterState cluster, int site, int model, int racks) {
        for (int i = 0; i < racks; i++) {
            cluster.addRack(site, model);
        }
        onCapacityChange.run();
    }

    /** Retires the youngest racks of the model at the site, idle ones first; busy ones drain. */
    private void decommission(ClusterState cluster, int site, int model, int racks) {
        int left = racks;
        for (int pass = 0; pass < 2 && left > 0; pass++) {
            for (int r = state.rackCount() - 1; r >= 0 && left > 0; r--) {
                if (state.rackStatus(r) != RackStatus.ONLINE
                        || state.rackModel(r) != model
                        || state.topology().blockSite(state.rackBlock(r)) != site) {
                    continue;
                }
                boolean idle = state.rackFreeUnits(r) == state.model(model).unitsPerDomain();
                if (pass == 0 && !idle) {
                    continue;
                }
                cluster.decommission(r);
                left--;
            }
        }
    }
}
