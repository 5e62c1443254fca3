package io.ultrafleet.twin.fleet;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.RackStatus;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.FleetSpec.DecommissionSpec;
import io.ultrafleet.spec.FleetSpec.DeliverySpec;
import io.ultrafleet.twin.engine.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated fleet: builds the topology from the scenario and turns its deliveries and decommissions into
 * events on the simulation clock. Racks of a delivery come online in equal daily batches (the remainder going to
 * the earliest days) from the delivery's first to its last day.
 */
public final class FleetModel {
    private final FleetState state;
    private final List<HardwareModel> models;
    private final CpuPools cpuPools;
    private final long epochMs;
    private Runnable onCapacityChange = () -> {};

    public FleetModel(FleetSpec spec, HardwareCatalogue catalogue, long epochMs) {
        this.epochMs = epochMs;
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
        models = new ArrayList<>();
        for (var d : spec.deliveries()) {
            HardwareModel m = catalogue.model(d.model()).orElseThrow();
            if (!models.contains(m)) {
                models.add(m);
            }
        }
        Topology topology = tb.build(models.size());
        state = new FleetState(topology, models);
        cpuPools = new CpuPools(spec.cpuPools(), catalogue, topology, epochMs);
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
        for (DeliverySpec d : spec.deliveries()) {
            int site = state.topology().siteIndex(d.site());
            int model = state.modelIndex(d.model());
            DailyBatches plan = new DailyBatches(d.racks(), d.startMs(), d.endMs());
            for (long i = 0; i < plan.batches(); i++) {
                int racks = (int) plan.size(i);
                long at = plan.at(i);
                if (at < endMs) {
                    sim.at(Math.max(0, at - epochMs), now -> deliver(cluster, site, model, racks));
                }
            }
        }
        for (DecommissionSpec d : spec.decommissions()) {
            int site = state.topology().siteIndex(d.site());
            int model = state.modelIndex(d.model());
            if (d.atMs() < endMs) {
                sim.at(Math.max(0, d.atMs() - epochMs), now -> decommission(cluster, site, model, d.racks()));
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
