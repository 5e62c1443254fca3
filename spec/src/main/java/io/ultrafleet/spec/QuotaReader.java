package io.ultrafleet.spec;

import io.ultrafleet.fleet.HardwareCatalogue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a queue's {@code quotas:} list: one quota per flavour, {@code MODEL}, {@code MODEL@SITE}, {@code *} or {@code *@SITE}. */
public final class QuotaReader {
    public static final List<String> KEYS = List.of("flavor", "nominalGpus", "borrowingLimitGpus", "lendingLimitGpus");
    public static final String FLAVOR_SYNTAX =
            "MODEL, MODEL@SITE, * or *@SITE, with a catalogue model and a declared site";

    private QuotaReader() {}

    public static List<TenantSpec.QuotaSpec> read(
            MappingReader queue, HardwareCatalogue catalogue, Collection<String> sites) {
        List<TenantSpec.QuotaSpec> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FieldReader f : queue.optionalList("quotas", "a list of quotas with flavor and nominalGpus")) {
            MappingReader m = f.mapping("a quota mapping with " + String.join(", ", KEYS), KEYS);
            FieldReader flavorField = m.required("flavor", FLAVOR_SYNTAX);
            String flavor = flavorField.text(FLAVOR_SYNTAX);
            String[] parts = flavor.split("@", -1);
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw flavorField.fail(FLAVOR_SYNTAX);
            }
            String model = parts[0].equals("*") ? null : parts[0];
            if (model != null && catalogue.model(model).isEmpty()) {
                throw flavorField.fail("a flavour whose model is one of the catalogue's: "
                        + String.join(", ", catalogue.modelNames()));
            }
            String site = parts.length == 2 ? parts[1] : null;
            if (site != null && !sites.contains(site)) {
                throw flavorField.fail("a flavour whose site is one of the declared sites: " + ShortList.join(sites));
            }
            if (!seen.add(flavor)) {
                throw flavorField.fail("a flavour not already given a quota in this queue");
            }
            long nominal = m.integer("nominalGpus", 0, ScenarioLimits.MAX_QUOTA_GPUS);
            long borrow = m.integer("borrowingLimitGpus", 0, ScenarioLimits.MAX_QUOTA_GPUS, -1L);
            long lend = m.integer("lendingLimitGpus", 0, ScenarioLimits.MAX_QUOTA_GPUS, -1L);
            out.add(new TenantSpec.QuotaSpec(model, site, nominal, borrow, lend));
        }
        return out;
    }
}
