package io.ultrafleet.server.executor.slurm;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.RackStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's racks as the Slurm executor needs them, copied on the scheduler's thread: per site, its racks in id
 * order with their block, model and units. Slurm's nodes are mapped onto these.
 */
record FleetSlots(Map<String, List<Slot>> bySite, Map<Integer, String> siteOfRack) {
    /** One rack of the fleet. */
    record Slot(int rack, int block, String model, int units, int gpusPerUnit) {}

    static final FleetSlots EMPTY = new FleetSlots(Map.of(), Map.of());

    static FleetSlots of(FleetView fleet) {
        Map<String, List<Slot>> bySite = new LinkedHashMap<>();
        Map<Integer, String> siteOfRack = new LinkedHashMap<>();
        for (int r = 0; r < fleet.rackCount(); r++) {
            if (fleet.rackStatus(r) == RackStatus.GONE) {
                continue;
            }
            int block = fleet.rackBlock(r);
            String site = fleet.topology().siteName(fleet.topology().blockSite(block));
            var model = fleet.model(fleet.rackModel(r));
            bySite.computeIfAbsent(site, s -> new ArrayList<>())
                    .add(new Slot(r, block, model.name(), model.unitsPerDomain(), model.gpusPerUnit()));
            siteOfRack.put(r, site);
        }
        return new FleetSlots(bySite, siteOfRack);
    }
}
