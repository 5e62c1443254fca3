package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.scenario.EnergySpec.CpuPowerSpec;
import io.ultrafleet.twin.scenario.EnergySpec.PowerSpec;
import io.ultrafleet.twin.scenario.EnergySpec.SiteSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code energy:} section: power per model, CPU power, and PUE, carbon and electricity price per site. */
final class EnergyReader {
    static final List<String> KEYS = List.of("pue", "power", "cpu", "sites");
    static final List<String> POWER_KEYS = List.of("busyKw", "idleKw");
    static final List<String> CPU_KEYS = List.of("idleWattsPerVcpu", "busyWattsPerVcpu", "utilisation", "wattsPerGib");
    static final List<String> SITE_KEYS = List.of("pue", "gridGco2PerKwh", "marketGco2PerKwh", "usdPerKwh");

    private EnergyReader() {}

    static EnergySpec read(FieldReader f, HardwareCatalogue catalogue, List<String> siteNames) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        double pue = m.optional("pue").map(EnergyReader::pue).orElse(EnergySpec.DEFAULT_PUE);
        Map<String, PowerSpec> power = new LinkedHashMap<>();
        if (m.has("power")) {
            MappingReader pm = m.optional("power")
                    .orElseThrow()
                    .mapping("a mapping from catalogue model names to busyKw and idleKw", catalogue.modelNames());
            for (String model : catalogue.modelNames()) {
                pm.optional(model).ifPresent(x -> power.put(model, power(x)));
            }
        }
        CpuPowerSpec cpu = m.optional("cpu").map(EnergyReader::cpu).orElse(CpuPowerSpec.DEFAULT);
        Map<String, SiteSpec> sites = new LinkedHashMap<>();
        if (m.has("sites")) {
            MappingReader sm = m.optional("sites")
                    .orElseThrow()
                    .mapping(
                            "a mapping from declared site names to pue, gridGco2PerKwh, marketGco2PerKwh and usdPerKwh",
                            siteNames);
            for (String site : siteNames) {
                sm.optional(site).ifPresent(x -> sites.put(site, site(x)));
            }
        }
        return new EnergySpec(pue, power, cpu, sites);
    }

    private static PowerSpec power(FieldReader f) {
        MappingReader m = f.mapping("a mapping with busyKw and idleKw (per NVLink domain)", POWER_KEYS);
        double busy = m.required("busyKw", "a number > 0").number(0, true);
        FieldReader idleField = m.required("idleKw", "a number >= 0");
        double idle = idleField.number(0, false);
        if (idle > busy) {
            throw idleField.fail("a number from 0 to busyKw (" + FieldReader.plain(busy) + ")");
        }
        return new PowerSpec(busy, idle);
    }

    private static CpuPowerSpec cpu(FieldReader f) {
        CpuPowerSpec d = CpuPowerSpec.DEFAULT;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", CPU_KEYS), CPU_KEYS);
        double idle =
                m.optional("idleWattsPerVcpu").map(x -> x.number(0, false)).orElse(d.idleWattsPerVcpu());
        double busy =
                m.optional("busyWattsPerVcpu").map(x -> x.number(0, false)).orElse(d.busyWattsPerVcpu());
        double util = m.optional("utilisation").map(EnergyReader::share).orElse(d.utilisation());
        double perGib = m.optional("wattsPerGib").map(x -> x.number(0, false)).orElse(d.wattsPerGib());
        if (busy < idle) {
            throw m.optional("busyWattsPerVcpu")
                    .orElse(m.self())
                    .fail("a number >= idleWattsPerVcpu (" + FieldReader.plain(idle) + ")");
        }
        return new CpuPowerSpec(idle, busy, util, perGib);
    }

    private static SiteSpec site(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", SITE_KEYS), SITE_KEYS);
        return new SiteSpec(
                m.optional("pue").map(EnergyReader::pue).orElse(Double.NaN),
                m.optional("gridGco2PerKwh").map(x -> x.number(0, false)).orElse(Double.NaN),
                m.optional("marketGco2PerKwh").map(x -> x.number(0, false)).orElse(Double.NaN),
                m.optional("usdPerKwh").map(x -> x.number(0, false)).orElse(Double.NaN));
    }

    /** A PUE: at least 1 (the facility draws at least what its IT equipment does). */
    private static double pue(FieldReader f) {
        return f.number(1, false);
    }

    /** A share from 0 to 1. */
    static double share(FieldReader f) {
        String allowed = "a number from 0 to 1";
        double v = f.parseNumber(allowed);
        if (v < 0 || v > 1) {
            throw f.fail(allowed);
        }
        return v;
    }
}
