package io.ultrafleet.scheduling.preemption;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The registry of preemption policies: one literal list, names unique, each built from the scenario's terms. */
public final class PreemptionPolicies {
    private static final Map<String, Function<PreemptionTerms, PreemptionPolicy>> BUILT_IN = new LinkedHashMap<>();

    static {
        register(CostBenefit.NAME, CostBenefit::new);
        register(Unweighed.NAME, terms -> new Unweighed());
    }

    private PreemptionPolicies() {}

    private static void register(String name, Function<PreemptionTerms, PreemptionPolicy> factory) {
        if (BUILT_IN.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("duplicate preemption policy " + name);
        }
    }

    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    public static Optional<PreemptionPolicy> byName(String name, PreemptionTerms terms) {
        Function<PreemptionTerms, PreemptionPolicy> f = BUILT_IN.get(name);
        return f == null ? Optional.empty() : Optional.of(f.apply(terms));
    }

    /** The default: {@value CostBenefit#NAME} with {@link PreemptionTerms#DEFAULT}. */
    public static PreemptionPolicy defaultPolicy() {
        return new CostBenefit(PreemptionTerms.DEFAULT);
    }
}
