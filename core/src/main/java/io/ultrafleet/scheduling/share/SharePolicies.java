package io.ultrafleet.scheduling.share;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of packing policies, by name. */
public final class SharePolicies {
    private static final Map<String, SharePolicy.Factory> REGISTRY = registry();

    private SharePolicies() {}

    private static Map<String, SharePolicy.Factory> registry() {
        Map<String, SharePolicy.Factory> m = new LinkedHashMap<>();
        m.put(FirstFitPolicy.NAME, FirstFitPolicy::new);
        m.put(BestFitPolicy.NAME, BestFitPolicy::new);
        m.put(FgdPolicy.NAME, FgdPolicy::new);
        m.put(BestPolicy.NAME, BestPolicy::new);
        return Collections.unmodifiableMap(m);
    }

    /** The registered names, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** True if {@code name} is registered. */
    public static boolean exists(String name) {
        return REGISTRY.containsKey(name);
    }

    /**
     * A new policy for one cluster and run.
     *
     * @throws IllegalArgumentException if no policy has that name
     */
    public static SharePolicy create(String name, PolicyContext context) {
        SharePolicy.Factory f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException(
                    "no packing policy named '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return f.create(context);
    }
}
