package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
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

    private ReliabilityReader() {}

    static ReliabilitySpec read(FieldReader f, HardwareCatalogue catalogue) {
        ReliabilitySpec d = ReliabilitySpec.OFF;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        boolean enabled = m.optional("enabled")
                .map(x -> x.oneOf("true or false", List.of("true", "false")).equals("true"))
                .orElse(true);
        double hazard = m.optional("hazardPerGpuHour")
                .map(x -> x.number(0, false))
                .orElse(HazardModel.LLAMA3_RATE_PER_GPU_HOUR);
        double multiplier =
                m.optional("generationMultiplier").map(x -> x.number(0, true)).orElse(1.0);
        double shape = 1;
        double scale = 1;
        if (m.has("weibull")) {
            MappingReader w =
                    m.optional("weibull").orElseThrow().mapping("a mapping with shape and scaleHours", WEIBULL_KEYS);
            shape = w.required("shape", "a number > 0").number(0, true);
            scale = w.required("scaleHours", "a number > 0").number(0, true);
        }
        long detection = m.optional("detection").map(x -> x.duration(0)).orElse(d.detectionMs());
        long swap = m.optional("traySwap").map(x -> x.duration(0)).orElse(d.traySwapMs());
        DistributionSpec trayRepair = m.optional("trayRepair")
                .map(x -> DistributionReader.read(x, DistributionReader.Quantity.DURATION))
                .orElse(d.trayRepair());
        DistributionSpec rackRepair = m.optional("rackRepair")
                .map(x -> DistributionReader.read(x, DistributionReader.Quantity.DURATION))
                .orElse(d.rackRepair());
        int spares = m.intAtLeast("sparesPerRack", 0, 0);
        int spareRacks = m.intAtLeast("spareRacksPerBlock", 0, 0);
        Map<String, Double> models = new LinkedHashMap<>();
        if (m.has("modelMultipliers")) {
            MappingReader mm = m.optional("modelMultipliers")
                    .orElseThrow()
                    .mapping("a mapping from catalogue model names to multipliers", catalogue.modelNames());
            for (String model : catalogue.modelNames()) {
                mm.optional(model).ifPresent(x -> models.put(model, x.number(0, true)));
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
