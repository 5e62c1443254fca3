package io.ultrafleet.workload;

import io.ultrafleet.fleet.Topology;

/** Levels of the network topology a gang can be held to, from the tightest. */
public enum TopologyLevel {
    /** One network block: non-blocking leaf switches under one rail group. */
    BLOCK,
    /** One site: one spine, any blocks in it. */
    SITE,
    /** Anywhere: blocks in any site (for work that does not talk across racks). */
    ANY;

    /** How many groups of this level {@code topology} has: its blocks, its sites, or the one fleet. */
    public int groups(Topology topology) {
        return switch (this) {
            case BLOCK -> topology.blockCount();
            case SITE -> topology.siteCount();
            case ANY -> 1;
        };
    }

    /** The group of this level that {@code block} is in: the block, its site, or the fleet (0). */
    public int groupOf(Topology topology, int block) {
        return switch (this) {
            case BLOCK -> block;
            case SITE -> topology.blockSite(block);
            case ANY -> 0;
        };
    }

    /** The name used in scenario files. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
