package io.ultrafleet.twin.scenario;

import io.ultrafleet.spec.DistributionSpec;
import java.util.Map;

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
        Map<String, Double> modelMultipliers,
        double weibullShape,
        double weibullScaleHours,
        long detectionMs,
        long traySwapMs,
        DistributionSpec trayRepair,
        DistributionSpec rackRepair,
        int sparesPerRack,
        int spareRacksPerBlock) {

    public ReliabilitySpec {
        modelMultipliers = Map.copyOf(modelMultipliers);
    }

    /** Failures off. */
    public static final ReliabilitySpec OFF = new ReliabilitySpec(
            false,
            0,
            1,
            Map.of(),
            1,
            1,
            300_000L,
            900_000L,
            new DistributionSpec.Fixed(48 * 3_600_000L),
            new DistributionSpec.Fixed(48 * 3_600_000L),
            0,
            0);

    /** The hazard multiplier of a hardware model: the fleet-wide one times the model's own. */
    public double multiplier(String model) {
        return generationMultiplier * modelMultipliers.getOrDefault(model, 1.0);
    }
}
