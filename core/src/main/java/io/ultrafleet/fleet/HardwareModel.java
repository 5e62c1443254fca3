package io.ultrafleet.fleet;

/**
 * One kind of accelerated NVLink (or NeuronLink) domain: the unit the scheduler calls a rack. A domain holds {@code
 * unitsPerDomain} trays or hosts of {@code gpusPerUnit} accelerators each; the tray or host is the smallest unit that
 * small jobs get and failures take out. Figures and their sources are in {@code docs/model.md}.
 *
 * @param name catalogue name used in scenario files, e.g. {@code gb200-nvl72}
 * @param accelerator accelerator name, e.g. {@code B200}
 * @param gpusPerUnit accelerators per tray or host
 * @param unitsPerDomain trays or hosts per NVLink domain (at most 64)
 * @param hbmMibPerGpu accelerator memory per accelerator, MiB
 * @param vcpusPerUnit host vCPUs per tray or host (Grace cores for GB200/GB300)
 * @param fp8DenseTflopsPerGpu dense FP8 peak per accelerator, TFLOPS
 * @param domainPowerWatts IT power of one busy domain, W
 */
public record HardwareModel(
        String name,
        String accelerator,
        int gpusPerUnit,
        int unitsPerDomain,
        int hbmMibPerGpu,
        int vcpusPerUnit,
        int fp8DenseTflopsPerGpu,
        int domainPowerWatts) {

    public HardwareModel {
        if (gpusPerUnit <= 0 || unitsPerDomain <= 0 || unitsPerDomain > 64) {
            throw new IllegalArgumentException("bad shape for " + name);
        }
    }

    /** Accelerators per NVLink domain. */
    public int gpusPerDomain() {
        return gpusPerUnit * unitsPerDomain;
    }

    /** The mask of every unit of a domain: the whole rack. */
    public long fullMask() {
        return fullMask(unitsPerDomain);
    }

    /** The mask of {@code units} units, the first {@code units} bits: a whole domain of that many units. */
    public static long fullMask(int units) {
        return units == 64 ? -1L : (1L << units) - 1;
    }
}
