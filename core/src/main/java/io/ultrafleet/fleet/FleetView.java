package io.ultrafleet.fleet;

/**
 * A read-only view of the fleet for scheduling decisions. Racks are NVLink domains, identified by dense int ids;
 * iteration over the free-capacity indexes goes through {@code first...}/{@code next...} pairs that return -1 at the
 * end, so no iterator objects are made in hot loops.
 */
public interface FleetView {
    Topology topology();

    int modelCount();

    HardwareModel model(int model);

    /** The model's index, or -1. */
    int modelIndex(String name);

    int rackCount();

    /**
     * A number that changes whenever a rack joins the set of wholly free racks or leaves service, so that a gang that
     * found no room can tell none has been made since (racks only being taken cannot make room); -1 when the view
     * cannot say (for example, with holds in force).
     */
    long wholeFreeVersion();

    /**
     * A number that changes whenever the wholly free racks change at all (a rack joins or leaves the set, or leaves
     * service), so that counts derived from them can be kept until it does; -1 when the view cannot say.
     */
    long wholeFreeChanges();

    int rackBlock(int rack);

    int rackModel(int rack);

    /** Bit i set when tray or host i of the rack is free and schedulable. */
    long rackFreeMask(int rack);

    int rackFreeUnits(int rack);

    /** Bit i set when tray or host i of the rack is out of service (failed or a spare). */
    long rackDownMask(int rack);

    boolean rackSchedulable(int rack);

    /** First schedulable rack of {@code model} with exactly {@code freeUnits} free units, or -1. */
    int firstWithFreeUnits(int model, int freeUnits);

    /** Next rack in the same free-units bucket, or -1. */
    int nextWithSameFreeUnits(int rack);

    /** Schedulable racks of the block with every unit free. */
    int blockWholeFreeRacks(int block);

    /** Schedulable racks of the block, busy or not. */
    int blockSchedulableRacks(int block);

    /**
     * A number that changes whenever a rack of the block joins, leaves service, or has units taken down or brought up:
     * what can be computed from which racks of the block are in service, and whole, stays true while it is unchanged.
     */
    int blockServiceVersion(int block);

    /** First wholly free rack of the block, or -1. */
    int firstWholeFree(int block);

    /** Next wholly free rack in the same block, or -1. */
    int nextWholeFree(int rack);

    /** First rack of the block (every rack it ever had, in service or not), or -1. */
    int firstRackIn(int block);

    /** Next rack of the same block, or -1. */
    int nextRackIn(int rack);

    /** How many blocks of the model have a wholly free schedulable rack (in the fleet, before any holds). */
    int blocksWithWholeFree(int model);

    /**
     * The {@code i}-th block of the model with a wholly free rack, {@code 0 <= i < blocksWithWholeFree(model)}, in no
     * particular order; the order changes as racks free and fill.
     */
    int blockWithWholeFree(int model, int i);

    /** Wholly free schedulable racks of the model at the site. */
    int siteWholeFreeRacks(int site, int model);

    /** Wholly free schedulable racks of the model across the fleet. */
    int wholeFreeRacks(int model);

    /** Schedulable racks of the model across the fleet. */
    int schedulableRacks(int model);

    /** The most schedulable racks of the model in any one block, busy or not. */
    int largestBlockSchedulable(int model);

    /** The most schedulable racks of the model at any one site, busy or not. */
    int largestSiteSchedulable(int model);

    /** Free schedulable units (trays or hosts) of the model across the fleet. */
    long freeUnits(int model);

    // ---- the fleet as a whole: totals and the state of each rack, unaffected by a scheduling cycle's holds ------

    /** Whether the rack is online, draining (taking no new work) or gone. */
    RackStatus rackStatus(int rack);

    /** Racks of the model in the fleet, draining ones included. */
    int onlineRacks(int model);

    /** Racks of the model at the site, draining ones included. */
    int onlineRacks(int site, int model);

    /** Racks in the fleet, draining ones included. */
    int onlineRacks();

    /** A number that changes whenever a rack joins or leaves the fleet. */
    long onlineVersion();

    /** Units (trays or hosts) of the model held by jobs. */
    long allocatedUnits(int model);

    /** GPUs in the fleet, draining racks included. */
    long onlineGpus();

    /** GPUs held by jobs. */
    long allocatedGpus();

    /** GPUs out of service (failed or held as spares), racks draining included. */
    long downGpus();
}
