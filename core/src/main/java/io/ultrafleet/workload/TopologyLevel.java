package io.ultrafleet.workload;

/** Levels of the network topology a gang can be held to, from the tightest. */
public enum TopologyLevel {
    /** One network block: non-blocking leaf switches under one rail group. */
    BLOCK,
    /** One site: one spine, any blocks in it. */
    SITE,
    /** Anywhere: blocks in any site (for work that does not talk across racks). */
    ANY;

    /** The name used in scenario files. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
