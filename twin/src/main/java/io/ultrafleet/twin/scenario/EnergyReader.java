package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.twin.scenario.EnergySpec.CpuPowerSpec;
import io.ultrafleet.twin.scenario.EnergySpec.PowerSpec;
import io.ultrafleet.twin.scenario.EnergySpec.SiteSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code energy:} section: power per model, CPU power, and PUE, carbon and electricity price per site. */
final class EnergyReader {
    static final List<String> KEYS = List.of("pue", "power", "cpu", "sites");
    static final List<String> POWER_KEYS = List.of("busyKw", "idleKw");
    static final List<String> CPU_KEYS = List.of("idleWattsPerVcpu", "busyWattsPerVcpu", "utilisation", "wattsPerGib");
    static final List<String> SITE_KEYS = List.of("pue", "gridGco2PerKwh", "marketGco2PerKwh", "usdPerKwh");

    /** The largest PUE. */
    static final double MAX_PUE = 10;

    /** The most power of one NVLink domain, in kW. */
    static final double MAX_KW = 10_000;

    /** The most watts per vCPU or per GiB. */
    static final double MAX_WATTS = 1_000;

    /** The highest grid carbon intensity, in g CO2 per kWh (coal is about 1,000). */
    static final double MAX_GCO2_PER_KWH = 5_000;

    /** The highest electricity price, in USD per kWh. */
    static final double MAX_USD_PER_KWH = 100;

    private EnergyReader() {}

    static EnergySpec read(FieldReader f, HardwareCatalogue catalogue, Collection<String> siteNames) {
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
        double busy = m.number("busyKw", 0, true, MAX_KW);
        FieldReader idleField = m.required("idleKw", FieldReader.numberRange(0, false, busy));
        double idle = idleField.number(0, false, MAX_KW);
        if (idle > busy) {
            throw idleField.fail("a number from 0 to busyKw (" + FieldReader.plain(busy) + ")");
        }
        return new PowerSpec(busy, idle);
    }

    private static CpuPowerSpec cpu(FieldReader f) {
        CpuPowerSpec d = CpuPowerSpec.DEFAULT;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", CPU_KEYS), CPU_KEYS);
        double idle = m.number("idleWattsPerVcpu", 0, false, MAX_WATTS, d.idleWattsPerVcpu());
        double busy = m.number("busyWattsPerVcpu", 0, false, MAX_WATTS, d.busyWattsPerVcpu());
        double util = m.optional("utilisation").map(EnergyReader::share).orElse(d.utilisation());
        double perGib = m.number("wattsPerGib", 0, false, MAX_WATTS, d.wattsPerGib());
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
                m.number("gridGco2PerKwh", 0, false, MAX_GCO2_PER_KWH, Double.NaN),
                m.number("marketGco2PerKwh", 0, false, MAX_GCO2_PER_KWH, Double.NaN),
                m.number("usdPerKwh", 0, false, MAX_USD_PER_KWH, Double.NaN));
    }

    /** A PUE: at least 1 (the facility draws at least what its IT equipment does). */
    private static double pue(FieldReader f) {
        return f.number(1, false, MAX_PUE);
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
