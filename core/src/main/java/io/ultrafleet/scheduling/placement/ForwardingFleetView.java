package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;

/** A view of a fleet that answers every question as the fleet does: a view that changes some answers extends it. */
abstract class ForwardingFleetView implements FleetView {
    final FleetView fleet;

    ForwardingFleetView(FleetView fleet) {
        this.fleet = fleet;
    }

    @Override
    public int nextWholeFree(int rack) {
        return fleet.nextWholeFree(rack);
    }

    @Override
    public Topology topology() {
        return fleet.topology();
    }

    @Override
    public int modelCount() {
        return fleet.modelCount();
    }

    @Override
    public HardwareModel model(int model) {
        return fleet.model(model);
    }

    @Override
    public int modelIndex(String name) {
        return fleet.modelIndex(name);
    }

    @Override
    public int rackCount() {
        return fleet.rackCount();
    }

    @Override
    public int rackBlock(int rack) {
        return fleet.rackBlock(rack);
    }

    @Override
    public int rackModel(int rack) {
        return fleet.rackModel(rack);
    }

    @Override
    public long rackFreeMask(int rack) {
        return fleet.rackFreeMask(rack);
    }

    @Override
    public int rackFreeUnits(int rack) {
        return fleet.rackFreeUnits(rack);
    }

    @Override
    public long rackDownMask(int rack) {
        return fleet.rackDownMask(rack);
    }

    @Override
    public boolean rackSchedulable(int rack) {
        return fleet.rackSchedulable(rack);
    }

    @Override
    public int firstWithFreeUnits(int model, int freeUnits) {
        return fleet.firstWithFreeUnits(model, freeUnits);
    }

    @Override
    public int nextWithSameFreeUnits(int rack) {
        return fleet.nextWithSameFreeUnits(rack);
    }

    @Override
    public int blockSchedulableRacks(int block) {
        return fleet.blockSchedulableRacks(block);
    }

    @Override
    public int blockServiceVersion(int block) {
        return fleet.blockServiceVersion(block);
    }

    @Override
    public int schedulableRacks(int model) {
        return fleet.schedulableRacks(model);
    }

    @Override
    public int firstRackIn(int block) {
        return fleet.firstRackIn(block);
    }

    @Override
    public int nextRackIn(int rack) {
        return fleet.nextRackIn(rack);
    }

    @Override
    public int blockWithWholeFree(int model, int i) {
        return fleet.blockWithWholeFree(model, i);
    }

    @Override
    public int largestBlockSchedulable(int model) {
        return fleet.largestBlockSchedulable(model);
    }

    @Override
    public int largestSiteSchedulable(int model) {
        return fleet.largestSiteSchedulable(model);
    }

    @Override
    public io.ultrafleet.fleet.RackStatus rackStatus(int rack) {
        return fleet.rackStatus(rack);
    }

    @Override
    public int onlineRacks(int model) {
        return fleet.onlineRacks(model);
    }

    @Override
    public int onlineRacks(int site, int model) {
        return fleet.onlineRacks(site, model);
    }

    @Override
    public int onlineRacks() {
        return fleet.onlineRacks();
    }

    @Override
    public long onlineVersion() {
        return fleet.onlineVersion();
    }

    @Override
    public long allocatedUnits(int model) {
        return fleet.allocatedUnits(model);
    }

    @Override
    public long onlineGpus() {
        return fleet.onlineGpus();
    }

    @Override
    public long allocatedGpus() {
        return fleet.allocatedGpus();
    }

    @Override
    public long downGpus() {
        return fleet.downGpus();
    }
}
