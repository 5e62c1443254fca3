package io.ultrafleet.twin.scenario;

import io.ultrafleet.twin.reliability.HazardModel;
import java.util.List;

/** Reads the {@code reliability:} section. */
final class ReliabilityReader {
    static final List<String> KEYS = List.of(
            "enabled",
            "hazardPerGpuHour",
            "generationMultiplier",
            "weibull",
            "detection",
            "traySwap",
            "trayRepair",
            "rackRepair",
            "sparesPerRack");
    static final List<String> WEIBULL_KEYS = List.of("shape", "scaleHours");

    private ReliabilityReader() {}

    static ReliabilitySpec read(FieldReader f) {
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
        long trayRepair = m.optional("trayRepair").map(x -> x.duration(1)).orElse(d.trayRepairMs());
        long rackRepair = m.optional("rackRepair").map(x -> x.duration(1)).orElse(d.rackRepairMs());
        int spares = m.intAtLeast("sparesPerRack", 0, 0);
        return new ReliabilitySpec(
                enabled, hazard, multiplier, shape, scale, detection, swap, trayRepair, rackRepair, spares);
    }
}
