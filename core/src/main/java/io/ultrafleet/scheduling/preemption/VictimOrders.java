package io.ultrafleet.scheduling.preemption;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The registry of victim orders: one literal list, names unique. */
public final class VictimOrders {
    private static final Map<String, Supplier<VictimOrder>> BUILT_IN = new LinkedHashMap<>();

    static {
        register(LeastLostWork.NAME, LeastLostWork::new);
        register(LowestPriorityYoungest.NAME, LowestPriorityYoungest::new);
    }

    private VictimOrders() {}

    private static void register(String name, Supplier<VictimOrder> factory) {
        if (BUILT_IN.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("duplicate victim order " + name);
        }
    }

    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    public static Optional<VictimOrder> byName(String name) {
        Supplier<VictimOrder> f = BUILT_IN.get(name);
        return f == null ? Optional.empty() : Optional.of(f.get());
    }

    /** The default: {@value LeastLostWork#NAME}. */
    public static VictimOrder defaultOrder() {
        return new LeastLostWork();
    }
}
