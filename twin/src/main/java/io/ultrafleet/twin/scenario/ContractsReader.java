package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ScenarioLimits;
import io.ultrafleet.spec.ShortList;
import io.ultrafleet.spec.Times;
import io.ultrafleet.spec.UniqueNames;
import io.ultrafleet.twin.scenario.CostSpec.Billing;
import io.ultrafleet.twin.scenario.CostSpec.ContractSpec;
import io.ultrafleet.twin.scenario.CostSpec.OverflowKind;
import io.ultrafleet.twin.scenario.CostSpec.OverflowSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code contracts:} and {@code overflow:} sections against the declared providers, sites and models. */
final class ContractsReader {
    static final List<String> CONTRACT_KEYS = List.of(
            "name",
            "provider",
            "start",
            "end",
            "billing",
            "committedUsd",
            "committedGpus",
            "takeOrPay",
            "gpuHourUsd",
            "vcpuHourUsd",
            "sites");
    static final List<String> OVERFLOW_KEYS =
            List.of("name", "provider", "kind", "gpuHourUsd", "vcpuHourUsd", "sites", "reclaim");
    static final List<String> RECLAIM_KEYS = List.of("perMonth", "notice", "away");

    /** The most reclaims per rack per 30 days: one a day. */
    static final double MAX_RECLAIMS_PER_MONTH = 30;

    private static final String BOOLEAN = "true or false";

    /** The largest spend a contract may commit, in USD. */
    static final double MAX_COMMITTED_USD = 1e15;

    /** The highest price per GPU-hour or vCPU-hour, in USD. */
    static final double MAX_PRICE_USD = 1e6;

    private final HardwareCatalogue catalogue;
    private final Map<String, List<String>> sitesByProvider = new LinkedHashMap<>();
    private final UniqueNames names = new UniqueNames("contract or overflow");
    /** Per "site/model", the terms of the contracts covering it so far, for overlaps. */
    private final Map<String, List<long[]>> contractCover = new LinkedHashMap<>();

    private final Map<String, String> overflowCover = new LinkedHashMap<>();

    ContractsReader(HardwareCatalogue catalogue, FleetSpec fleet) {
        this.catalogue = catalogue;
        for (FleetSpec.ProviderSpec p : fleet.providers()) {
            List<String> sites = new ArrayList<>();
            p.regions().forEach(r -> r.sites().forEach(s -> sites.add(s.name())));
            sitesByProvider.put(p.name(), sites);
        }
    }

    /** The contracts at {@code contracts} and the overflow entries at {@code overflow}; either may be absent. */
    CostSpec read(MappingReader top) {
        List<ContractSpec> contracts = new ArrayList<>();
        for (FieldReader f : top.optionalList("contracts", "a list of contracts")) {
            contracts.add(contract(f));
        }
        List<OverflowSpec> overflow = new ArrayList<>();
        for (FieldReader f : top.optionalList("overflow", "a list of overflow capacity entries")) {
            overflow.add(overflow(f));
        }
        return new CostSpec(contracts, overflow);
    }

    private ContractSpec contract(FieldReader f) {
        MappingReader m = f.mapping("a contract mapping with " + String.join(", ", CONTRACT_KEYS), CONTRACT_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String provider = provider(m);
        long start = m.time("start");
        FieldReader endField = m.required("end", Times.SYNTAX);
        long end = endField.endTime();
        if (end <= start) {
            throw endField.fail("a time after start (" + Times.format(start) + ")");
        }
        Billing billing = m.optional("billing")
                .map(x -> Billing.valueOf(
                        key(x, Arrays.stream(Billing.values()).map(Billing::key).toList())))
                .orElse(Billing.RESERVED);
        double committedUsd = m.number("committedUsd", 0, false, MAX_COMMITTED_USD, -1.0);
        long committedGpus = m.integer("committedGpus", 1, ScenarioLimits.MAX_QUOTA_GPUS, -1L);
        boolean takeOrPay = committedUsd >= 0;
        if (m.has("takeOrPay")) {
            FieldReader t = m.optional("takeOrPay").orElseThrow();
            takeOrPay = t.oneOf(BOOLEAN, List.of("true", "false")).equals("true");
            if (takeOrPay && committedUsd < 0) {
                throw t.fail("true", "false when committedUsd is not given (nothing is committed)");
            }
        }
        Map<String, Double> prices = prices(m);
        double vcpu = m.number("vcpuHourUsd", 0, false, MAX_PRICE_USD, -1.0);
        List<String> sites = sites(m, provider);
        for (String site : sites) {
            for (String model : prices.keySet()) {
                List<long[]> terms = contractCover.computeIfAbsent(site + "/" + model, k -> new ArrayList<>());
                for (long[] t : terms) {
                    if (start < t[1] && t[0] < end) {
                        throw m.optional("sites")
                                .orElse(m.required("provider", "a provider"))
                                .fail("sites and a term that no other contract covers for " + model + " at " + site
                                        + " (an earlier contract does)");
                    }
                }
                terms.add(new long[] {start, end});
            }
        }
        return new ContractSpec(
                name, provider, start, end, billing, committedUsd, committedGpus, takeOrPay, prices, vcpu, sites);
    }

    private OverflowSpec overflow(FieldReader f) {
        MappingReader m = f.mapping("an overflow mapping with " + String.join(", ", OVERFLOW_KEYS), OVERFLOW_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String provider = provider(m);
        List<String> kinds =
                Arrays.stream(OverflowKind.values()).map(OverflowKind::key).toList();
        String kindKey = key(m.required("kind", "one of " + String.join(", ", kinds)), kinds);
        OverflowKind kind = OverflowKind.valueOf(kindKey);
        Map<String, Double> prices = prices(m);
        double vcpu = m.number("vcpuHourUsd", 0, false, MAX_PRICE_USD, -1.0);
        List<String> sites = sites(m, provider);
        for (String site : sites) {
            for (String model : prices.keySet()) {
                String earlier = overflowCover.putIfAbsent(site + "/" + model, name);
                if (earlier != null) {
                    throw m.optional("sites")
                            .orElse(m.required("provider", "a provider"))
                            .fail("sites where no other overflow entry prices " + model + " (" + earlier
                                    + " prices it at " + site + ")");
                }
            }
        }
        CostSpec.ReclaimSpec reclaim = null;
        if (m.has("reclaim")) {
            FieldReader r = m.optional("reclaim").orElseThrow();
            if (kind != OverflowKind.SPOT) {
                throw r.fail("reclaim", "reclaim only on an entry of kind spot");
            }
            reclaim = reclaim(r);
        }
        return new OverflowSpec(name, provider, kind, prices, vcpu, sites, reclaim);
    }

    private static CostSpec.ReclaimSpec reclaim(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", RECLAIM_KEYS), RECLAIM_KEYS);
        double perMonth = m.number("perMonth", 0, true, MAX_RECLAIMS_PER_MONTH);
        long notice = m.duration("notice", 0, Durations.HOUR_MS, CostSpec.ReclaimSpec.AWS_NOTICE_MS);
        long away =
                m.duration("away", Durations.MINUTE_MS, 30 * Durations.DAY_MS, CostSpec.ReclaimSpec.DEFAULT_AWAY_MS);
        return new CostSpec.ReclaimSpec(perMonth, notice, away);
    }

    /** One of {@code keys}, returned as the enum constant's name. */
    private static String key(FieldReader f, List<String> keys) {
        String k = f.oneOf("one of", keys);
        return k.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private String provider(MappingReader m) {
        List<String> providers = new ArrayList<>(sitesByProvider.keySet());
        return m.required("provider", "one of the declared providers: " + ShortList.join(providers))
                .oneOf("one of the declared providers", providers);
    }

    /** Prices per GPU-hour by model; empty when absent, which is allowed only with a price per vCPU-hour. */
    private Map<String, Double> prices(MappingReader m) {
        Map<String, Double> prices = new LinkedHashMap<>();
        String allowed = "a mapping from catalogue model names to prices per GPU-hour";
        if (!m.has("gpuHourUsd")) {
            if (!m.has("vcpuHourUsd")) {
                m.required("gpuHourUsd", allowed + " (or a vcpuHourUsd, for CPUs alone)");
            }
            return prices;
        }
        FieldReader f = m.optional("gpuHourUsd").orElseThrow();
        MappingReader pm = f.mapping(allowed, catalogue.modelNames());
        for (String model : catalogue.modelNames()) {
            pm.optional(model).ifPresent(x -> prices.put(model, x.number(0, false, MAX_PRICE_USD)));
        }
        if (prices.isEmpty()) {
            throw f.fail("a mapping with at least one catalogue model: " + ShortList.join(catalogue.modelNames()));
        }
        return prices;
    }

    /** The listed sites, each one of the provider's; all of the provider's sites when absent. */
    private List<String> sites(MappingReader m, String provider) {
        List<String> own = sitesByProvider.get(provider);
        if (!m.has("sites")) {
            return own;
        }
        Set<String> ownSet = new LinkedHashSet<>(own);
        Set<String> out = new LinkedHashSet<>();
        for (FieldReader s : m.list("sites", 1, "a list of the provider's sites")) {
            String site = s.oneOf("one of the sites of provider " + provider, ownSet);
            if (!out.add(site)) {
                throw s.fail("a site not already listed");
            }
        }
        return new ArrayList<>(out);
    }
}
