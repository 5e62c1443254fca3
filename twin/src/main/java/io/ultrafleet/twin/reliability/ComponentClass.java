package io.ultrafleet.twin.reliability;

/**
 * The component classes a failure is attributed to. Each has the blast radius a fault of that class has by default
 * (fleet-facts section 7.7, an assumption): GPU-side and host faults drain their tray or host, an NVLink switch tray
 * drains its rack, a network switch or cable restarts the jobs crossing it, and software restarts only its job.
 */
public enum ComponentClass {
    /** The GPU itself (faulty GPU, silent data corruption, thermal interface and sensor). */
    GPU(BlastRadius.TRAY, true),
    /** GPU HBM memory. */
    HBM(BlastRadius.TRAY, true),
    /** GPU on-chip SRAM and the GPU System Processor (GSP, firmware). */
    GPU_SRAM_GSP(BlastRadius.TRAY, true),
    /** An NVLink switch tray: its whole NVLink domain goes down. */
    NVLINK_SWITCH_TRAY(BlastRadius.RACK, false),
    /** Host CPU. */
    HOST_CPU(BlastRadius.TRAY, false),
    /** Host system memory (DRAM). */
    HOST_DRAM(BlastRadius.TRAY, false),
    /** Host network interface card. */
    HOST_NIC(BlastRadius.TRAY, false),
    /** Host local SSD. */
    HOST_SSD(BlastRadius.TRAY, false),
    /** Host or tray power supply. */
    HOST_PSU(BlastRadius.TRAY, false),
    /** Other host hardware: chassis, IO expansion board. */
    HOST_OTHER(BlastRadius.TRAY, false),
    /** A network switch or cable outside the NVLink domain. */
    NETWORK(BlastRadius.NETWORK, false),
    /** Software: bugs, dependencies, collective-library timeouts without an identified hardware cause. */
    SOFTWARE(BlastRadius.JOB_ONLY, false),
    /** Unplanned host maintenance: the host is taken out of service at short notice. */
    UNPLANNED_MAINTENANCE(BlastRadius.TRAY, false),
    /** Not a fault: the provider takes spot capacity back, a whole rack at a time, with notice. */
    PROVIDER_RECLAIM(BlastRadius.RACK, false);

    private final BlastRadius defaultBlastRadius;
    private final boolean gpu;

    ComponentClass(BlastRadius defaultBlastRadius, boolean gpu) {
        this.defaultBlastRadius = defaultBlastRadius;
        this.gpu = gpu;
    }

    /** The blast radius a fault of this class has unless a cause says otherwise. */
    public BlastRadius defaultBlastRadius() {
        return defaultBlastRadius;
    }

    /** Whether the class is part of the GPU package (GPU, HBM, SRAM/GSP), as the Llama 3 table's "GPU" category. */
    public boolean isGpu() {
        return gpu;
    }
}
