package io.ultrafleet.spec;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.FleetSpec.CpuPoolSpec;
import io.ultrafleet.spec.FleetSpec.CpuRampStep;
import io.ultrafleet.spec.FleetSpec.DecommissionSpec;
import io.ultrafleet.spec.FleetSpec.DeliverySpec;
import io.ultrafleet.spec.FleetSpec.ProviderSpec;
import io.ultrafleet.spec.FleetSpec.RegionSpec;
import io.ultrafleet.spec.FleetSpec.SiteSpec;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code fleet:} section: providers, regions and sites, deliveries, decommissions and CPU pools. */
public final class FleetReader {
    public static final List<String> FLEET_KEYS = List.of("providers", "deliveries", "decommissions", "cpuPools");
    public static final List<String> PROVIDER_KEYS = List.of("name", "regions");
    public static final List<String> REGION_KEYS = List.of("name", "sites");
    public static final List<String> SITE_KEYS = List.of("name", "racksPerBlock");
    public static final List<String> DELIVERY_KEYS = List.of("site", "model", "racks", "start", "end");
    public static final List<String> DECOMMISSION_KEYS = List.of("site", "model", "racks", "at");
    public static final List<String> CPU_POOL_KEYS = List.of("name", "site", "hostShape", "ramp");
    public static final List<String> RAMP_KEYS = List.of("hosts", "start", "end");

    /** Racks per network block when a site does not say. */
    public static final int DEFAULT_RACKS_PER_BLOCK = 32;

    private final HardwareCatalogue catalogue;
    private final UniqueNames sites = new UniqueNames("site");

    public FleetReader(HardwareCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The fleet written at {@code f}. */
    public FleetSpec read(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", FLEET_KEYS), FLEET_KEYS);
        List<ProviderSpec> providers = new ArrayList<>();
        UniqueNames providerNames = new UniqueNames("provider");
        for (FieldReader p : m.list("providers", 1, "a list of providers")) {
            providers.add(provider(p, providerNames));
        }
        List<DeliverySpec> deliveries = new ArrayList<>();
        for (FieldReader d : m.optionalList("deliveries", "a list of deliveries")) {
            deliveries.add(delivery(d));
        }
        List<DecommissionSpec> decommissions = new ArrayList<>();
        for (FieldReader d : m.optionalList("decommissions", "a list of decommissions")) {
            decommissions.add(decommission(d));
        }
        List<CpuPoolSpec> pools = new ArrayList<>();
        UniqueNames poolNames = new UniqueNames("CPU pool");
        for (FieldReader p : m.optionalList("cpuPools", "a list of CPU pools")) {
            pools.add(cpuPool(p, poolNames));
        }
        return new FleetSpec(providers, deliveries, decommissions, pools);
    }

    private ProviderSpec provider(FieldReader f, UniqueNames providerNames) {
        MappingReader m = f.mapping("a provider mapping with name and regions", PROVIDER_KEYS);
        String name = m.name("name");
        providerNames.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        List<RegionSpec> regions = new ArrayList<>();
        UniqueNames regionNames = new UniqueNames("region of provider " + name);
        for (FieldReader r : m.list("regions", 1, "a list of regions")) {
            regions.add(region(r, regionNames));
        }
        return new ProviderSpec(name, regions);
    }

    private RegionSpec region(FieldReader f, UniqueNames regionNames) {
        MappingReader m = f.mapping("a region mapping with name and sites", REGION_KEYS);
        String name = m.name("name");
        regionNames.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        List<SiteSpec> siteSpecs = new ArrayList<>();
        for (FieldReader s : m.list("sites", 1, "a list of sites")) {
            MappingReader sm = s.mapping("a site mapping with name and racksPerBlock", SITE_KEYS);
            String site = sm.name("name");
            sites.add(site, sm.required("name", FieldReader.NAME_SYNTAX));
            siteSpecs.add(new SiteSpec(
                    site, sm.intIn("racksPerBlock", 1, ScenarioLimits.MAX_RACKS_PER_BLOCK, DEFAULT_RACKS_PER_BLOCK)));
        }
        return new RegionSpec(name, siteSpecs);
    }

    private DeliverySpec delivery(FieldReader f) {
        MappingReader m = f.mapping("a delivery mapping with " + String.join(", ", DELIVERY_KEYS), DELIVERY_KEYS);
        String site = site(m);
        String model = model(m);
        int racks = m.intIn("racks", 1, ScenarioLimits.MAX_RACKS_PER_DELIVERY);
        long start = m.time("start");
        long end = endNotBefore(m, "end", start);
        return new DeliverySpec(site, model, racks, start, end);
    }

    private DecommissionSpec decommission(FieldReader f) {
        MappingReader m =
                f.mapping("a decommission mapping with " + String.join(", ", DECOMMISSION_KEYS), DECOMMISSION_KEYS);
        String site = site(m);
        String model = model(m);
        int racks = m.intIn("racks", 1, ScenarioLimits.MAX_RACKS_PER_DELIVERY);
        return new DecommissionSpec(site, model, racks, m.time("at"));
    }

    private CpuPoolSpec cpuPool(FieldReader f, UniqueNames poolNames) {
        MappingReader m = f.mapping("a CPU pool mapping with " + String.join(", ", CPU_POOL_KEYS), CPU_POOL_KEYS);
        String name = m.name("name");
        poolNames.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String site = site(m);
        String allowedShapes = "one of the catalogue's host shapes";
        String shape = m.required("hostShape", allowedShapes + ": " + ShortList.join(catalogue.hostShapeNames()))
                .oneOf(allowedShapes, catalogue.hostShapeNames());
        List<CpuRampStep> ramp = new ArrayList<>();
        for (FieldReader s : m.list("ramp", 1, "a list of ramp steps")) {
            MappingReader sm = s.mapping("a ramp step mapping with hosts, start and end", RAMP_KEYS);
            int hosts = sm.intIn("hosts", 1, ScenarioLimits.MAX_HOSTS_PER_STEP);
            long start = sm.time("start");
            ramp.add(new CpuRampStep(hosts, start, endNotBefore(sm, "end", start)));
        }
        return new CpuPoolSpec(name, site, shape, ramp);
    }

    private String site(MappingReader m) {
        String allowed = "one of the declared sites";
        return m.required("site", allowed + ": " + ShortList.join(sites.names()))
                .oneOf(allowed, sites.names());
    }

    private String model(MappingReader m) {
        String allowed = "one of the catalogue's models";
        return m.required("model", allowed + ": " + ShortList.join(catalogue.modelNames()))
                .oneOf(allowed, catalogue.modelNames());
    }

    /** An optional end time (a date is its midnight) that must not be before {@code start}; {@code start} if absent. */
    private static long endNotBefore(MappingReader m, String key, long start) {
        if (!m.has(key)) {
            return start;
        }
        FieldReader f = m.optional(key).orElseThrow();
        long end = f.time();
        if (end < start) {
            throw f.fail("a time at or after start (" + Times.format(start) + ")");
        }
        return end;
    }
}
