package io.ultrafleet.twin.scenario;

/**
 * Failures and repair. Faults strike every GPU in the fleet at {@code hazardPerGpuHour} x {@code
 * generationMultiplier} (optionally shaped by age with a Weibull factor); their causes follow the Llama 3 mix; each
 * takes down what its cause's blast radius says. Sources and defaults: {@code docs/reliability-model.md}.
 *
 * @param enabled false turns failures off (the default when the section is absent)
 * @param weibullShape age shape k of the hazard (1 = constant), with {@code weibullScaleHours}
 * @param detectionMs from a fault to the start of its repair
 * @param traySwapMs putting a rack's hot spare tray (or host) in place of a failed one
 * @param trayRepairMs repairing (or replacing, RMA) a failed tray or host when no spare is used
 * @param rackRepairMs repairing a rack taken down whole (an NVLink switch tray)
 * @param sparesPerRack trays (or hosts) of every rack held back as hot spares
 */
public record ReliabilitySpec(
        boolean enabled,
        double hazardPerGpuHour,
        double generationMultiplier,
        double weibullShape,
        double weibullScaleHours,
        long detectionMs,
        long traySwapMs,
        long trayRepairMs,
        long rackRepairMs,
        int sparesPerRack) {

    /** Failures off. */
    public static final ReliabilitySpec OFF =
            new ReliabilitySpec(false, 0, 1, 1, 1, 300_000L, 900_000L, 48 * 3_600_000L, 48 * 3_600_000L, 0);
}
