package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.WaitReason;

/**
 * Finds a place for one job on a read-only fleet view, over every hardware model the job allows. A job smaller than
 * an NVLink domain gets trays (or hosts) inside one domain, best fit; a larger one gets whole domains as a gang,
 * topology-aware. Among models, a single-domain fit beats a gang, then fewer blocks, then less capacity held.
 */
public final class Placer {
    private Placer() {}

    /** A placement or the reason there is none. */
    public record Result(Placement placement, WaitReason reason) {
        public Result {
            if ((placement == null) == (reason == WaitReason.NONE)) {
                throw new IllegalArgumentException("a placement, or a reason to wait");
            }
        }

        static Result waiting(WaitReason reason) {
            return new Result(null, reason);
        }

        public boolean placed() {
            return placement != null;
        }
    }

    /** Places {@code job} on {@code fleet}, which may be a {@link Holds} view, anywhere its models allow. */
    public static Result place(FleetView fleet, Job job) {
        return place(fleet, job, FlavorFilter.ALL);
    }

    /**
     * Places {@code job} on {@code fleet}, only where {@code filter} allows (its queue's quotas). A gang that found no
     * room anywhere is not searched again, under any filter, until a rack is freed whole ({@link #knownMiss}).
     */
    public static Result place(FleetView fleet, Job job, FlavorFilter filter) {
        if (knownMiss(fleet, job)) {
            return Result.waiting(WaitReason.NO_CAPACITY);
        }
        if (filter.steps() > 1) {
            return placeInSteps(fleet, job, filter);
        }
        long version = filter == FlavorFilter.ALL && gangOnly(fleet, job) ? fleet.wholeFreeVersion() : -1;
        Result r = search(fleet, job, filter);
        if (version >= 0 && !r.placed() && r.reason() == WaitReason.NO_CAPACITY) {
            job.memo().gangMissedAt(version);
        }
        return r;
    }

    /**
     * True when {@code job} is a gang that found no room in {@code fleet}, unrestricted, and no rack has been freed
     * whole or left service since: it finds none now under any filter, nor in any view holding racks of this fleet,
     * and waits for capacity.
     */
    public static boolean knownMiss(FleetView fleet, Job job) {
        long version = job.memo().gangMissVersion() >= 0 ? fleet.wholeFreeVersion() : -1;
        return version >= 0 && job.memo().gangMissVersion() == version && gangOnly(fleet, job);
    }

    /**
     * Preferred places first: the first step of the filter with room wins. The whole filter is searched first, so that
     * a job with no room anywhere (the common case in a full fleet) costs one search, not one per step; and since only
     * a lack of capacity depends on the places searched, any other reason to wait is final at once.
     */
    private static Result placeInSteps(FleetView fleet, Job job, FlavorFilter filter) {
        int last = filter.steps() - 1;
        Result anywhere = search(fleet, job, filter.upTo(last));
        if (!anywhere.placed()) {
            return anywhere;
        }
        for (int step = 0; step < last; step++) {
            Result r = search(fleet, job, filter.upTo(step));
            if (r.placed()) {
                return r;
            }
        }
        return anywhere;
    }

    /**
     * Whether {@link #place} would place {@code job}, without building the placement: cheap enough to ask, for every
     * waiting gang in every cycle, whether it would fit were nothing held for others.
     */
    public static boolean fits(FleetView fleet, Job job, FlavorFilter filter) {
        if (knownMiss(fleet, job)) {
            return false;
        }
        FlavorFilter anywhere = filter.steps() > 1 ? filter.upTo(filter.steps() - 1) : filter;
        boolean couldFit = false;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (!job.allowsModel(m) || fleet.schedulableRacks(m) == 0) {
                continue;
            }
            Shape shape = Shape.of(fleet.model(m), job.gpus());
            if (!shape.wholeRacks()) {
                if (TrayPlacer.bestRack(fleet, m, shape.units(), anywhere) >= 0) {
                    return true;
                }
            } else if (GangPlacer.couldEverFit(fleet, m, shape.racks(), job.required())) {
                couldFit = true;
                if (GangPlacer.enoughFree(fleet, m, shape.racks(), job.required(), anywhere)
                        && GangPlacer.fits(fleet, m, shape.racks(), job.required(), job.preferred(), anywhere)) {
                    return true;
                }
            }
        }
        // No room, where place would say NO_CAPACITY: remembered as place remembers it.
        long version = filter == FlavorFilter.ALL && couldFit && gangOnly(fleet, job) ? fleet.wholeFreeVersion() : -1;
        if (version >= 0) {
            job.memo().gangMissedAt(version);
        }
        return false;
    }

    /** True when the job is a gang of whole racks on every model it allows. */
    private static boolean gangOnly(FleetView fleet, Job job) {
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (job.allowsModel(m) && job.gpus() < fleet.model(m).gpusPerDomain()) {
                return false;
            }
        }
        return true;
    }

    private static Result search(FleetView fleet, Job job, FlavorFilter filter) {
        Placement best = null;
        boolean anyModel = false;
        boolean anyCouldFit = false;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if (!job.allowsModel(m) || fleet.schedulableRacks(m) == 0) {
                continue;
            }
            anyModel = true;
            HardwareModel hw = fleet.model(m);
            Shape shape = Shape.of(hw, job.gpus());
            Placement p;
            if (!shape.wholeRacks()) {
                anyCouldFit = true;
                int rack = TrayPlacer.bestRack(fleet, m, shape.units(), filter);
                p = rack < 0
                        ? null
                        : new Placement(
                                m,
                                new int[] {rack},
                                new long[] {TrayPlacer.takeLowest(fleet.rackFreeMask(rack), shape.units())},
                                shape.units() * hw.gpusPerUnit(),
                                1);
            } else {
                if (!GangPlacer.couldEverFit(fleet, m, shape.racks(), job.required())) {
                    continue;
                }
                anyCouldFit = true;
                if (!GangPlacer.enoughFree(fleet, m, shape.racks(), job.required(), filter)) {
                    continue;
                }
                p = GangPlacer.place(fleet, m, shape.racks(), job.required(), job.preferred(), filter);
            }
            if (p != null && (best == null || better(p, best))) {
                best = p;
            }
        }
        if (best != null) {
            return new Result(best, WaitReason.NONE);
        }
        if (!anyModel) {
            return Result.waiting(WaitReason.NO_MODEL);
        }
        if (!anyCouldFit) {
            return Result.waiting(WaitReason.TOO_LARGE);
        }
        return Result.waiting(WaitReason.NO_CAPACITY);
    }

    /**
     * A gang placement of exactly {@code racks} whole racks of {@code model} for {@code job}, at its topology levels,
     * or null: used to start an elastic job below its full size.
     */
    public static Placement placeRacks(FleetView fleet, Job job, int model, int racks, FlavorFilter filter) {
        int last = filter.steps() - 1;
        if (!GangPlacer.enoughFree(fleet, model, racks, job.required(), filter.upTo(last))) {
            return null;
        }
        Placement anywhere = GangPlacer.place(fleet, model, racks, job.required(), job.preferred(), filter.upTo(last));
        for (int step = 0; anywhere != null && step < last; step++) {
            Placement p = GangPlacer.place(fleet, model, racks, job.required(), job.preferred(), filter.upTo(step));
            if (p != null) {
                return p;
            }
        }
        return anywhere;
    }

    /** GPUs {@code job} takes on {@code model}: whole trays or hosts, or whole domains for a gang. */
    public static int allocatedGpus(io.ultrafleet.fleet.HardwareModel model, Job job) {
        Shape s = Shape.of(model, job.gpus());
        return s.wholeRacks() ? s.racks() * model.gpusPerDomain() : s.units() * model.gpusPerUnit();
    }

    private static boolean better(Placement a, Placement b) {
        boolean aSingle = a.racks().length == 1;
        boolean bSingle = b.racks().length == 1;
        if (aSingle != bSingle) {
            return aSingle;
        }
        if (a.blocks() != b.blocks()) {
            return a.blocks() < b.blocks();
        }
        return a.allocatedGpus() < b.allocatedGpus();
    }
}
