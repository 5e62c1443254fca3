package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.DistributionReader;
import io.ultrafleet.spec.DistributionSpec;
import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ScenarioLimits;
import io.ultrafleet.twin.reliability.HazardModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code reliability:} section. */
final class ReliabilityReader {
    static final List<String> KEYS = List.of(
            "enabled",
            "hazardPerGpuHour",
            "generationMultiplier",
            "modelMultipliers",
            "weibull",
            "detection",
            "traySwap",
            "trayRepair",
            "rackRepair",
            "sparesPerRack",
            "spareRacksPerBlock");
    static final List<String> WEIBULL_KEYS = List.of("shape", "scaleHours");

    /** The range of the Weibull shape: from strong infant mortality to strong wear-out. */
    static final double MIN_SHAPE = 0.1;

    static final double MAX_SHAPE = 10;

    /** The largest Weibull scale, in hours (over a thousand years). */
    static final double MAX_SCALE_HOURS = 1e7;

    /** The longest detection delay or tray swap: 30 days. */
    static final long MAX_DELAY_MS = 30 * Durations.DAY_MS;

    /** The most spare trays of a rack (more than any rack has). */
    static final int MAX_SPARE_TRAYS = 64;

    private ReliabilityReader() {}

    static ReliabilitySpec read(FieldReader f, HardwareCatalogue catalogue) {
        ReliabilitySpec d = ReliabilitySpec.OFF;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        boolean enabled = m.optional("enabled")
                .map(x -> x.oneOf("true or false", List.of("true", "false")).equals("true"))
                .orElse(true);
        double hazard = m.number(
                "hazardPerGpuHour",
                0,
                false,
                ScenarioLimits.MAX_HAZARD_PER_GPU_HOUR,
                HazardModel.LLAMA3_RATE_PER_GPU_HOUR);
        double multiplier = m.number("generationMultiplier", 0, true, ScenarioLimits.MAX_MULTIPLIER, 1.0);
        double shape = 1;
        double scale = 1;
        if (m.has("weibull")) {
            MappingReader w =
                    m.optional("weibull").orElseThrow().mapping("a mapping with shape and scaleHours", WEIBULL_KEYS);
            shape = w.number("shape", MIN_SHAPE, false, MAX_SHAPE);
            scale = w.number("scaleHours", 1, false, MAX_SCALE_HOURS);
        }
        long detection = m.duration("detection", 0, MAX_DELAY_MS, d.detectionMs());
        long swap = m.duration("traySwap", 0, MAX_DELAY_MS, d.traySwapMs());
        DistributionSpec trayRepair = m.optional("trayRepair")
                .map(x -> DistributionReader.read(x, DistributionReader.Quantity.DURATION))
                .orElse(d.trayRepair());
        DistributionSpec rackRepair = m.optional("rackRepair")
                .map(x -> DistributionReader.read(x, DistributionReader.Quantity.DURATION))
                .orElse(d.rackRepair());
        int spares = m.intIn("sparesPerRack", 0, MAX_SPARE_TRAYS, 0);
        int spareRacks = m.intIn("spareRacksPerBlock", 0, ScenarioLimits.MAX_RACKS_PER_BLOCK, 0);
        Map<String, Double> models = new LinkedHashMap<>();
        if (m.has("modelMultipliers")) {
            MappingReader mm = m.optional("modelMultipliers")
                    .orElseThrow()
                    .mapping("a mapping from catalogue model names to multipliers", catalogue.modelNames());
            for (String model : catalogue.modelNames()) {
                mm.optional(model).ifPresent(x -> models.put(model, x.number(0, true, ScenarioLimits.MAX_MULTIPLIER)));
            }
        }
        return new ReliabilitySpec(
                enabled,
                hazard,
                multiplier,
                models,
                shape,
                scale,
                detection,
                swap,
                trayRepair,
                rackRepair,
                spares,
                spareRacks);
    }
}
