package io.ultrafleet.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The named levels above the rack: provider, region, site, and network block. Blocks are created as racks arrive;
 * each holds racks of one hardware model at one site, up to the site's {@code racksPerBlock}.
 */
public final class Topology {
    private final List<String> providers = new ArrayList<>();
    private final List<String> regions = new ArrayList<>();
    private final int[] regionProvider;
    private final List<String> sites = new ArrayList<>();
    private final int[] siteRegion;
    private final int[] siteRacksPerBlock;

    private int blockCount;
    private int[] blockSite = new int[16];
    private int[] blockModel = new int[16];
    private int[] blockRacks = new int[16];
    /** Per site and model, the block still taking racks, or -1. */
    private final int[][] openBlock;

    private Topology(Builder b, int modelCount) {
        providers.addAll(b.providers);
        regions.addAll(b.regions);
        regionProvider = b.regionProvider.stream().mapToInt(Integer::intValue).toArray();
        sites.addAll(b.sites);
        siteRegion = b.siteRegion.stream().mapToInt(Integer::intValue).toArray();
        siteRacksPerBlock =
                b.siteRacksPerBlock.stream().mapToInt(Integer::intValue).toArray();
        openBlock = new int[sites.size()][modelCount];
        for (int[] row : openBlock) {
            Arrays.fill(row, -1);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assigns a new rack of {@code model} at {@code site} to a block, opening a new block when the last is full. */
    int blockForNewRack(int site, int model) {
        int b = openBlock[site][model];
        if (b < 0 || blockRacks[b] >= siteRacksPerBlock[site]) {
            b = newBlock(site, model);
            openBlock[site][model] = b;
        }
        blockRacks[b]++;
        return b;
    }

    private int newBlock(int site, int model) {
        if (blockCount == blockSite.length) {
            int n = blockCount * 2;
            blockSite = Arrays.copyOf(blockSite, n);
            blockModel = Arrays.copyOf(blockModel, n);
            blockRacks = Arrays.copyOf(blockRacks, n);
        }
        blockSite[blockCount] = site;
        blockModel[blockCount] = model;
        blockRacks[blockCount] = 0;
        return blockCount++;
    }

    public int siteCount() {
        return sites.size();
    }

    public String siteName(int site) {
        return sites.get(site);
    }

    /** The site's index, or -1. */
    public int siteIndex(String name) {
        return sites.indexOf(name);
    }

    public String regionName(int region) {
        return regions.get(region);
    }

    public int siteRegion(int site) {
        return siteRegion[site];
    }

    public String providerName(int provider) {
        return providers.get(provider);
    }

    public int regionProvider(int region) {
        return regionProvider[region];
    }

    public int racksPerBlock(int site) {
        return siteRacksPerBlock[site];
    }

    public int blockCount() {
        return blockCount;
    }

    public int blockSite(int block) {
        return blockSite[block];
    }

    public int blockModel(int block) {
        return blockModel[block];
    }

    /** Racks ever assigned to the block, including ones since decommissioned. */
    public int blockRacksAssigned(int block) {
        return blockRacks[block];
    }

    /** Builds the named levels; blocks come later, with the racks. */
    public static final class Builder {
        private final List<String> providers = new ArrayList<>();
        private final List<String> regions = new ArrayList<>();
        private final List<Integer> regionProvider = new ArrayList<>();
        private final List<String> sites = new ArrayList<>();
        private final List<Integer> siteRegion = new ArrayList<>();
        private final List<Integer> siteRacksPerBlock = new ArrayList<>();

        public int provider(String name) {
            providers.add(name);
            return providers.size() - 1;
        }

        public int region(int provider, String name) {
            regions.add(name);
            regionProvider.add(provider);
            return regions.size() - 1;
        }

        public int site(int region, String name, int racksPerBlock) {
            if (racksPerBlock < 1) {
                throw new IllegalArgumentException("racksPerBlock must be >= 1");
            }
            sites.add(name);
            siteRegion.add(region);
            siteRacksPerBlock.add(racksPerBlock);
            return sites.size() - 1;
        }

        public Topology build(int modelCount) {
            return new Topology(this, modelCount);
        }
    }
}
