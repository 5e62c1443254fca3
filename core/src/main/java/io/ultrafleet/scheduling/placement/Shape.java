package io.ultrafleet.scheduling.placement;

import io.ultrafleet.fleet.HardwareModel;

/**
 * What a job of {@code gpus} accelerators needs on one hardware model: either {@code units} trays or hosts inside one
 * NVLink domain, or {@code racks} whole domains.
 */
record Shape(boolean wholeRacks, int units, int racks) {

    static Shape of(HardwareModel m, int gpus) {
        if (gpus < m.gpusPerDomain()) {
            return new Shape(false, ceilDiv(gpus, m.gpusPerUnit()), 0);
        }
        return new Shape(true, m.unitsPerDomain(), ceilDiv(gpus, m.gpusPerDomain()));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
