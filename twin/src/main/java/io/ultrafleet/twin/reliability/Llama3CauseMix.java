package io.ultrafleet.twin.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cause mix of unexpected interruptions calibrated on Llama 3: 419 unexpected interruptions in a 54-day snapshot
 * of 405B pre-training on 16,384 H100 GPUs.
 *
 * <p>Source: "The Llama 3 Herd of Models" (Meta, arXiv 2407.21783, July 2024), table of root causes of unexpected
 * interruptions, as carried in the repository's {@code
 * data/llama3-interruptions/llama3_405b_interruptions_54d.csv} (docs/model.md). The <b>counts</b> are copied
 * here, not the published percentages: the counts sum to 419 and every published percentage equals count / 419
 * except the first row (148 / 419 = 35.3 %, published as 30.1 %). Shares are therefore count / 419.
 *
 * <p>Mapping of each row to a component class and a blast radius (an Ultrafleet assumption, fleet-facts section
 * 7.7):
 *
 * <table>
 *   <caption>Llama 3 row, published category, component class, blast radius</caption>
 *   <tr><th>Row</th><th>Category</th><th>Class</th><th>Blast radius</th></tr>
 *   <tr><td>Faulty GPU</td><td>GPU</td><td>GPU</td><td>TRAY</td></tr>
 *   <tr><td>GPU HBM3 Memory</td><td>GPU</td><td>HBM</td><td>TRAY</td></tr>
 *   <tr><td>Software Bug</td><td>Dependency</td><td>SOFTWARE</td><td>JOB_ONLY</td></tr>
 *   <tr><td>Network Switch/Cable</td><td>Network</td><td>NETWORK</td><td>NETWORK</td></tr>
 *   <tr><td>Host Maintenance</td><td>Unplanned Maintenance</td><td>UNPLANNED_MAINTENANCE</td><td>TRAY</td></tr>
 *   <tr><td>GPU SRAM Memory</td><td>GPU</td><td>GPU_SRAM_GSP</td><td>TRAY</td></tr>
 *   <tr><td>GPU System Processor</td><td>GPU</td><td>GPU_SRAM_GSP</td><td>TRAY</td></tr>
 *   <tr><td>NIC</td><td>Host</td><td>HOST_NIC</td><td>TRAY</td></tr>
 *   <tr><td>NCCL Watchdog Timeouts</td><td>Unknown</td><td>SOFTWARE</td><td>JOB_ONLY</td></tr>
 *   <tr><td>Silent Data Corruption</td><td>GPU</td><td>GPU</td><td>TRAY</td></tr>
 *   <tr><td>GPU Thermal Interface + Sensor</td><td>GPU</td><td>GPU</td><td>TRAY</td></tr>
 *   <tr><td>SSD</td><td>Host</td><td>HOST_SSD</td><td>TRAY</td></tr>
 *   <tr><td>Power Supply</td><td>Host</td><td>HOST_PSU</td><td>TRAY</td></tr>
 *   <tr><td>Server Chassis</td><td>Host</td><td>HOST_OTHER</td><td>TRAY</td></tr>
 *   <tr><td>IO Expansion Board</td><td>Host</td><td>HOST_OTHER</td><td>TRAY</td></tr>
 *   <tr><td>Dependency</td><td>Dependency</td><td>SOFTWARE</td><td>JOB_ONLY</td></tr>
 *   <tr><td>CPU</td><td>Host</td><td>HOST_CPU</td><td>TRAY</td></tr>
 *   <tr><td>System Memory</td><td>Host</td><td>HOST_DRAM</td><td>TRAY</td></tr>
 * </table>
 *
 * <p>NCCL watchdog timeouts have no identified hardware cause in the table, so they restart only the job. The table
 * has no NVLink switch tray row (H100 HGX hosts carry their NVSwitches on the baseboard, so such faults count as host
 * or GPU faults there); {@link ComponentClass#NVLINK_SWITCH_TRAY} therefore has share 0 in this mix.
 */
public final class Llama3CauseMix {
    /** Unexpected interruptions in the Llama 3 54-day snapshot: the sum of the table's counts. */
    public static final int TOTAL = 419;

    /** One row of the Llama 3 table: its name and category as published, its count, and Ultrafleet's mapping. */
    public record Row(String name, String category, int count, ComponentClass componentClass, BlastRadius blastRadius) {
        /** The row as a failure cause with share count / {@link #TOTAL}. */
        public FailureCause cause() {
            return new FailureCause(name, componentClass, blastRadius, count / (double) TOTAL);
        }
    }

    // Counts from the Llama 3 paper's table (arXiv 2407.21783), as carried in
    // data/llama3-interruptions/llama3_405b_interruptions_54d.csv. Counts, not percentages.
    private static final List<Row> ROWS = List.of(
            row("Faulty GPU", "GPU", 148, ComponentClass.GPU),
            row("GPU HBM3 Memory", "GPU", 72, ComponentClass.HBM),
            row("Software Bug", "Dependency", 54, ComponentClass.SOFTWARE),
            row("Network Switch/Cable", "Network", 35, ComponentClass.NETWORK),
            row("Host Maintenance", "Unplanned Maintenance", 32, ComponentClass.UNPLANNED_MAINTENANCE),
            row("GPU SRAM Memory", "GPU", 19, ComponentClass.GPU_SRAM_GSP),
            row("GPU System Processor", "GPU", 17, ComponentClass.GPU_SRAM_GSP),
            row("NIC", "Host", 7, ComponentClass.HOST_NIC),
            row("NCCL Watchdog Timeouts", "Unknown", 7, ComponentClass.SOFTWARE),
            row("Silent Data Corruption", "GPU", 6, ComponentClass.GPU),
            row("GPU Thermal Interface + Sensor", "GPU", 6, ComponentClass.GPU),
            row("SSD", "Host", 3, ComponentClass.HOST_SSD),
            row("Power Supply", "Host", 3, ComponentClass.HOST_PSU),
            row("Server Chassis", "Host", 2, ComponentClass.HOST_OTHER),
            row("IO Expansion Board", "Host", 2, ComponentClass.HOST_OTHER),
            row("Dependency", "Dependency", 2, ComponentClass.SOFTWARE),
            row("CPU", "Host", 2, ComponentClass.HOST_CPU),
            row("System Memory", "Host", 2, ComponentClass.HOST_DRAM));

    private static final List<FailureCause> CAUSES;

    static {
        List<FailureCause> causes = new ArrayList<>(ROWS.size());
        int sum = 0;
        for (Row r : ROWS) {
            causes.add(r.cause());
            sum += r.count();
        }
        if (sum != TOTAL) {
            throw new IllegalStateException("Llama 3 counts sum to " + sum + ", expected " + TOTAL);
        }
        CAUSES = Collections.unmodifiableList(causes);
    }

    private Llama3CauseMix() {}

    private static Row row(String name, String category, int count, ComponentClass cls) {
        return new Row(name, category, count, cls, cls.defaultBlastRadius());
    }

    /** The 18 rows in the order of the published table. */
    public static List<Row> rows() {
        return ROWS;
    }

    /** The rows as failure causes, shares count / 419, in the order of the published table. */
    public static List<FailureCause> causes() {
        return CAUSES;
    }

    /** The count of the row named {@code name}; an unknown name is an error. */
    public static int count(String name) {
        for (Row r : ROWS) {
            if (r.name().equals(name)) {
                return r.count();
            }
        }
        throw new IllegalArgumentException("no Llama 3 row named '" + name + "'");
    }

    /** The share of interruptions attributed to one component class (0 for a class with no row). */
    public static double share(ComponentClass cls) {
        int n = 0;
        for (Row r : ROWS) {
            if (r.componentClass() == cls) {
                n += r.count();
            }
        }
        return n / (double) TOTAL;
    }

    /** The share of interruptions with one blast radius. */
    public static double share(BlastRadius radius) {
        int n = 0;
        for (Row r : ROWS) {
            if (r.blastRadius() == radius) {
                n += r.count();
            }
        }
        return n / (double) TOTAL;
    }

    /** The share of interruptions attributed to the GPU package (classes with {@link ComponentClass#isGpu()}). */
    public static double gpuShare() {
        int n = 0;
        for (Row r : ROWS) {
            if (r.componentClass().isGpu()) {
                n += r.count();
            }
        }
        return n / (double) TOTAL;
    }

    /**
     * Draws the cause of one interruption with probability count / 419, from one {@code nextDouble()} of {@code rng}.
     */
    public static FailureCause sample(SplittableRandom rng) {
        double u = rng.nextDouble() * TOTAL;
        int cumulative = 0;
        for (int i = 0; i < ROWS.size(); i++) {
            cumulative += ROWS.get(i).count();
            if (u < cumulative) {
                return CAUSES.get(i);
            }
        }
        return CAUSES.get(CAUSES.size() - 1);
    }
}
