package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.backfill.Reservation;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.TopologyLevel;
import java.util.Arrays;

/**
 * Wholly free racks held, for the length of one scheduling cycle, for gangs that could not start: the fleet as the
 * jobs ranked after such a gang see it. A waiting gang of {@code n} racks holds up to {@code n} wholly free racks of
 * its model where it is expected to start: in the group of its backfill {@link Reservation} when it has one, else in
 * the site (or fleet) where it is closest to fitting, spread over the group's blocks most-free first. Holding only
 * that many, and only there, lets smaller work use the rest of the fleet.
 *
 * <p>Backfill: each hold carries the gang's expected start ({@code shadow}). A job expected to end by then may use the
 * held racks, since it will be gone before the gang needs them; {@link #forJobEnding(long)} sets which job is looking.
 * A hold without a reservation has its shadow at the cycle's {@code now}, so nothing backfills onto it.
 */
public final class Holds extends ForwardingFleetView {
    private long now;
    // hold entries: one per (gang, block)
    private int entries;
    private int[] entryBlock = new int[8];
    private int[] entryModel = new int[8];
    private int[] entryCount = new int[8];
    private long[] entryShadow = new long[8];
    private String[] entryGang = new String[8];
    // the view for the job now looking: what holds apply to it
    private long jobEnd = Long.MAX_VALUE;
    private int[] heldInBlock;
    private final int[] heldByModel;
    // per model, the blocks any entry holds, each once (whether its holds apply to the job now looking or not)
    private final int[][] heldBlocks;
    private final int[] heldBlockCount;
    private boolean[] blockListed = new boolean[0];
    // what the holds hide per model, in all and per site: kept until the holds that apply (viewStamp) or the fleet's
    // wholly free racks change, since a cycle asks for it for every waiting job and every site
    private int viewStamp;
    private final int[] hiddenAtView;
    private final long[] hiddenAtChanges;
    private final int[] hiddenTotal;
    private int[][] hiddenBySite;
    // this cycle's holdFor calls, and the last cycle's holds over the same fleet while its calls are repeated in order
    private final HoldCalls calls = new HoldCalls();
    private Holds previous;
    private int repeated;

    public Holds(FleetView fleet, long now) {
        this(fleet, now, null);
    }

    /**
     * Holds for the cycle at {@code now} that may repeat what {@code previous}, the last cycle's holds, held (see
     * {@link #holdFor}); {@code previous} may be null.
     */
    public Holds(FleetView fleet, long now, Holds previous) {
        super(fleet);
        this.now = now;
        follow(previous);
        this.heldInBlock = new int[Math.max(1, fleet.topology().blockCount())];
        this.heldByModel = new int[fleet.modelCount()];
        this.hiddenAtView = new int[fleet.modelCount()];
        Arrays.fill(hiddenAtView, -1);
        this.hiddenAtChanges = new long[fleet.modelCount()];
        this.hiddenTotal = new int[fleet.modelCount()];
        this.hiddenBySite = new int[fleet.modelCount()][];
        this.heldBlocks = new int[fleet.modelCount()][];
        this.heldBlockCount = new int[fleet.modelCount()];
    }

    /**
     * Makes these holds, of a cycle before the last over the same fleet, the empty holds of the cycle at {@code now},
     * which may repeat {@code previous} (the last cycle's) as the constructor says: a cycle then allocates nothing for
     * its holds. Returns this.
     */
    public Holds reuse(long now, Holds previous) {
        for (int e = 0; e < entries; e++) {
            heldInBlock[entryBlock[e]] = 0;
            blockListed[entryBlock[e]] = false;
            entryGang[e] = null;
        }
        entries = 0;
        Arrays.fill(heldByModel, 0);
        Arrays.fill(heldBlockCount, 0);
        jobEnd = Long.MAX_VALUE;
        viewStamp++; // what was counted as hidden is stale
        calls.clear();
        repeated = 0;
        this.now = now;
        follow(previous);
        return this;
    }

    /** Whether these holds are a view of {@code fleet}. */
    public boolean isOver(FleetView fleet) {
        return this.fleet == fleet;
    }

    private void follow(Holds last) {
        previous = null;
        if (last != null && last != this && last.fleet == fleet) {
            last.previous = null; // keep one cycle back, not a chain
            previous = last;
        }
    }

    /** True when something is held. */
    public boolean any() {
        return entries > 0;
    }

    /**
     * Makes the view that of a job expected to end at {@code expectedEndMs}: holds whose gang is expected to start
     * before then apply; later ones do not. Returns this view.
     */
    public Holds forJobEnding(long expectedEndMs) {
        if (expectedEndMs != jobEnd && entries > 0) {
            long before = jobEnd;
            jobEnd = expectedEndMs;
            for (int e = 0; e < entries; e++) {
                if ((entryShadow[e] < before) != (entryShadow[e] < expectedEndMs)) {
                    recount(); // some hold applies to one job and not the other
                    break;
                }
            }
        }
        return this;
    }

    private void recount() {
        viewStamp++;
        if (heldInBlock.length < fleet.topology().blockCount()) {
            heldInBlock = new int[fleet.topology().blockCount()];
        }
        // Only blocks with an entry can be non-zero.
        for (int e = 0; e < entries; e++) {
            heldInBlock[entryBlock[e]] = 0;
        }
        Arrays.fill(heldByModel, 0);
        for (int e = 0; e < entries; e++) {
            if (entryShadow[e] < jobEnd) {
                heldInBlock[entryBlock[e]] += entryCount[e];
                heldByModel[entryModel[e]] += entryCount[e];
            }
        }
    }

    /**
     * Holds racks for {@code job}, which found no place; only gangs of whole racks hold anything. {@code reservation}
     * may be null.
     */
    public void holdFor(Job job, Reservation reservation) {
        forJobEnding(Long.MAX_VALUE);
        long changes = fleet.wholeFreeChanges();
        int k = calls.size();
        boolean atNow;
        if (previous != null && previous.calls.same(k, job, reservation, changes, entries)) {
            // The same gang asks as in the last cycle, after the same holds, and no rack came free, was taken or
            // changed service since: its search would hold the same racks.
            atNow = previous.calls.atNow(k);
            repeat(previous, previous.calls.start(k), previous.calls.end(k), atNow);
            repeated++;
        } else {
            previous = null;
            atNow = search(job, reservation);
        }
        calls.add(job, reservation, changes, entries, atNow);
    }

    /** How many of this cycle's {@link #holdFor} calls repeated the last cycle's holds instead of searching. */
    int repeatedCalls() {
        return repeated;
    }

    /** Adds the entries {@code from..to-1} of {@code other}, with their shadow at this cycle's now if {@code atNow}. */
    private void repeat(Holds other, int from, int to, boolean atNow) {
        viewStamp++;
        ensureBlocks();
        for (int e = from; e < to; e++) {
            long shadow = atNow ? now : other.entryShadow[e];
            int b = other.entryBlock[e];
            int model = other.entryModel[e];
            int count = other.entryCount[e];
            addEntry(b, model, count, shadow, other.entryGang[e]);
            if (shadow < jobEnd) {
                heldInBlock[b] += count;
                heldByModel[model] += count;
            }
        }
    }

    /** Makes room in the per-block counts for every block of the fleet (blocks come with deliveries). */
    private void ensureBlocks() {
        if (heldInBlock.length < fleet.topology().blockCount()) {
            heldInBlock = Arrays.copyOf(heldInBlock, fleet.topology().blockCount());
        }
    }

    /** Holds racks for {@code job} as {@link #holdFor} says; true when its holds' shadow is now (no reservation). */
    private boolean search(Job job, Reservation reservation) {
        if (reservation != null && job.allowsModel(reservation.model())) {
            int racks = Shape.of(fleet.model(reservation.model()), job.gpus()).racks();
            int site = reservation.level() == TopologyLevel.SITE ? reservation.group() : -1;
            if (reservation.level() == TopologyLevel.BLOCK) {
                hold(reservation.model(), new int[] {reservation.group()}, racks, reservation.shadowMs(), job.name());
            } else {
                hold(
                        reservation.model(),
                        blocksToHold(reservation.model(), site, racks),
                        racks,
                        reservation.shadowMs(),
                        job.name());
            }
            return false;
        }
        for (int m = 0; m < fleet.modelCount(); m++) {
            HardwareModel hw = fleet.model(m);
            if (!job.allowsModel(m) || job.gpus() < hw.gpusPerDomain()) {
                continue;
            }
            int racks = Shape.of(hw, job.gpus()).racks();
            if (GangPlacer.couldEverFit(fleet, m, racks, job.required())) {
                holdClosest(m, racks, job.required(), job.name());
            }
        }
        return true;
    }

    private void holdClosest(int model, int racks, TopologyLevel required, String holding) {
        Topology topo = fleet.topology();
        int groups = required == TopologyLevel.ANY ? 1 : topo.siteCount();
        long[] free = new long[groups];
        for (int i = 0; i < blocksWithWholeFree(model); i++) {
            int b = blockWithWholeFree(model, i);
            free[groups == 1 ? 0 : topo.blockSite(b)] += blockWholeFreeRacks(b);
        }
        int bestGroup = -1;
        long bestFree = 0;
        for (int g = 0; g < groups; g++) {
            if (free[g] > bestFree) {
                bestFree = free[g];
                bestGroup = g;
            }
        }
        if (bestGroup >= 0) {
            int site = groups == 1 ? -1 : bestGroup;
            hold(model, blocksToHold(model, site, racks), racks, now, holding);
        }
    }

    /**
     * The blocks of the model (in {@code site}, or anywhere for -1) to hold {@code racks} racks in, most wholly free
     * racks first. When they hold no more than that in all, every one is held whole and their order does not matter:
     * they are not sorted (the common case, a gang waiting because its group is short of racks).
     */
    private int[] blocksToHold(int model, int site, int racks) {
        Topology topo = fleet.topology();
        int[] blocks = new int[blocksWithWholeFree(model)];
        int n = 0;
        long total = 0;
        for (int i = 0; i < blocks.length; i++) {
            int b = blockWithWholeFree(model, i);
            int free = blockWholeFreeRacks(b);
            if (free > 0 && (site < 0 || topo.blockSite(b) == site)) {
                blocks[n++] = b;
                total += free;
            }
        }
        return total <= racks ? Arrays.copyOf(blocks, n) : GangPlacer.blocksByFreeDesc(this, model, site);
    }

    private void hold(int model, int[] blocks, int racks, long shadow, String holding) {
        viewStamp++;
        ensureBlocks();
        int need = racks;
        for (int i = 0; i < blocks.length && need > 0; i++) {
            int b = blocks[i];
            int take = Math.min(need, blockWholeFreeRacks(b));
            if (take <= 0) {
                continue;
            }
            addEntry(b, model, take, shadow, holding);
            need -= take;
            if (shadow < jobEnd) {
                heldInBlock[b] += take; // as recount() would: the view is consistent for jobEnd already
                heldByModel[model] += take;
            }
        }
    }

    private void addEntry(int block, int model, int count, long shadow, String holding) {
        if (entries == entryBlock.length) {
            int n = entries * 2;
            entryBlock = Arrays.copyOf(entryBlock, n);
            entryModel = Arrays.copyOf(entryModel, n);
            entryCount = Arrays.copyOf(entryCount, n);
            entryShadow = Arrays.copyOf(entryShadow, n);
            entryGang = Arrays.copyOf(entryGang, n);
        }
        entryGang[entries] = holding;
        entryBlock[entries] = block;
        entryModel[entries] = model;
        entryCount[entries] = count;
        entryShadow[entries] = shadow;
        entries++;
        if (blockListed.length <= block) {
            blockListed = Arrays.copyOf(
                    blockListed, Math.max(block + 1, fleet.topology().blockCount()));
        }
        if (!blockListed[block]) {
            blockListed[block] = true;
            int n = heldBlockCount[model];
            if (heldBlocks[model] == null) {
                heldBlocks[model] = new int[8];
            } else if (n == heldBlocks[model].length) {
                heldBlocks[model] = Arrays.copyOf(heldBlocks[model], n * 2);
            }
            heldBlocks[model][n] = block;
            heldBlockCount[model] = n + 1;
        }
    }

    /** The highest-ranked gang whose holds apply to the job now looking, or null. */
    public String firstHolderName() {
        for (int e = 0; e < entries; e++) {
            if (entryShadow[e] < jobEnd) {
                return entryGang[e];
            }
        }
        return null;
    }

    private int heldIn(int block) {
        return block < heldInBlock.length ? heldInBlock[block] : 0;
    }

    // ---- the fleet minus what is held -----------------------------------------------------------------------------

    @Override
    public int blockWholeFreeRacks(int block) {
        return Math.max(0, fleet.blockWholeFreeRacks(block) - heldIn(block));
    }

    @Override
    public int firstWholeFree(int block) {
        int r = fleet.firstWholeFree(block);
        for (int skip = heldIn(block); skip > 0 && r >= 0; skip--) {
            r = fleet.nextWholeFree(r);
        }
        return r;
    }

    @Override
    public int wholeFreeRacks(int model) {
        return fleet.wholeFreeRacks(model) - hiddenRacks(model);
    }

    /**
     * Wholly free racks of the model the holds hide now: per held block, at most the racks still free there (racks of a
     * held block may have been taken since, by a job ending before the gang's shadow or by a preempting job).
     */
    private int hiddenRacks(int model) {
        return hidden(model, -1);
    }

    /** As {@link #hiddenRacks}, in {@code site} only (-1 for every site). */
    private int hidden(int model, int site) {
        if (heldByModel[model] == 0) {
            return 0;
        }
        long changes = fleet.wholeFreeChanges();
        if (changes < 0 || hiddenAtView[model] != viewStamp || hiddenAtChanges[model] != changes) {
            countHidden(model);
            hiddenAtView[model] = changes < 0 ? -1 : viewStamp;
            hiddenAtChanges[model] = changes;
        }
        return site < 0 ? hiddenTotal[model] : hiddenBySite[model][site];
    }

    /** Counts what the holds that apply hide of the model, per site and in all: each held block once. */
    private void countHidden(int model) {
        int sites = fleet.topology().siteCount();
        if (hiddenBySite[model] == null || hiddenBySite[model].length < sites) {
            hiddenBySite[model] = new int[sites];
        }
        int[] bySite = hiddenBySite[model];
        Arrays.fill(bySite, 0);
        int total = 0;
        for (int i = 0; i < heldBlockCount[model]; i++) {
            int b = heldBlocks[model][i];
            // what the holds that apply hold there (0 when none does), at most what is still wholly free
            int h = Math.min(heldInBlock[b], fleet.blockWholeFreeRacks(b));
            bySite[fleet.topology().blockSite(b)] += h;
            total += h;
        }
        hiddenTotal[model] = total;
    }

    @Override
    public int siteWholeFreeRacks(int site, int model) {
        if (heldByModel[model] == 0) {
            return fleet.siteWholeFreeRacks(site, model);
        }
        return fleet.siteWholeFreeRacks(site, model) - hidden(model, site);
    }

    @Override
    public long freeUnits(int model) {
        return fleet.freeUnits(model)
                - (long) hiddenRacks(model) * fleet.model(model).unitsPerDomain();
    }

    @Override
    public long wholeFreeVersion() {
        return heldInBlockAny() ? -1 : fleet.wholeFreeVersion();
    }

    @Override
    public long wholeFreeChanges() {
        return heldInBlockAny() ? -1 : fleet.wholeFreeChanges();
    }

    private boolean heldInBlockAny() {
        for (int m = 0; m < heldByModel.length; m++) {
            if (heldByModel[m] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The fleet's blocks with a wholly free rack: a superset of this view's (a held block may show none). */
    @Override
    public int blocksWithWholeFree(int model) {
        return fleet.blocksWithWholeFree(model);
    }
}
