package io.ultrafleet.twin.scenario;

import io.ultrafleet.scheduling.preemption.VictimOrders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code scheduler:} section. */
final class SchedulerReader {
    static final List<String> KEYS = List.of("queueDepth", "backfill", "preemption", "placement");
    static final List<String> BACKFILL_KEYS = List.of("interval", "maxGangs");
    static final List<String> PREEMPTION_KEYS = List.of("enabled", "victimOrder");
    static final List<String> PLACEMENT_KEYS = List.of("policy", "concentration");
    static final List<String> CONCENTRATION_KEYS = List.of("maxShare", "classGpus");

    private SchedulerReader() {}

    /** @param classes the declared priority classes, which the concentration cap's class sizes name */
    static SchedulerSpec read(FieldReader f, List<String> classes) {
        SchedulerSpec d = SchedulerSpec.DEFAULT;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        int depth = m.intAtLeast("queueDepth", 1, d.queueDepth());
        long interval = d.backfillIntervalMs();
        int maxGangs = d.backfillMaxGangs();
        if (m.has("backfill")) {
            MappingReader b = m.optional("backfill")
                    .orElseThrow()
                    .mapping("a mapping with " + String.join(", ", BACKFILL_KEYS), BACKFILL_KEYS);
            interval = b.optional("interval").map(x -> x.duration(0)).orElse(interval);
            maxGangs = b.intAtLeast("maxGangs", 1, maxGangs);
        }
        boolean preemption = d.preemption();
        String order = d.victimOrder();
        if (m.has("preemption")) {
            MappingReader p = m.optional("preemption")
                    .orElseThrow()
                    .mapping("a mapping with " + String.join(", ", PREEMPTION_KEYS), PREEMPTION_KEYS);
            preemption = p.optional("enabled")
                    .map(x -> x.oneOf("true or false", List.of("true", "false")).equals("true"))
                    .orElse(preemption);
            order = p.optional("victimOrder")
                    .map(x -> x.oneOf("one of the victim orders", VictimOrders.names()))
                    .orElse(order);
        }
        PlacementSpec placement =
                m.optional("placement").map(x -> placement(x, classes)).orElse(PlacementSpec.DEFAULT);
        return new SchedulerSpec(depth, interval, maxGangs, preemption, order, placement);
    }

    private static PlacementSpec placement(FieldReader f, List<String> classes) {
        PlacementSpec d = PlacementSpec.DEFAULT;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", PLACEMENT_KEYS), PLACEMENT_KEYS);
        String policy = m.optional("policy")
                .map(x -> x.oneOf("one of the placement policies", PlacementSpec.POLICIES))
                .orElse(d.policy());
        double maxShare = d.maxShare();
        Map<String, Long> classGpus = new LinkedHashMap<>();
        if (m.has("concentration")) {
            MappingReader c = m.optional("concentration")
                    .orElseThrow()
                    .mapping("a mapping with " + String.join(", ", CONCENTRATION_KEYS), CONCENTRATION_KEYS);
            FieldReader share = c.required("maxShare", "a number > 0 and <= 1");
            maxShare = share.number(0, true);
            if (maxShare > 1) {
                throw share.fail("a number > 0 and <= 1");
            }
            if (c.has("classGpus")) {
                MappingReader g = c.optional("classGpus")
                        .orElseThrow()
                        .mapping("a mapping from priority class names to GPUs", classes);
                for (String cls : classes) {
                    g.optional(cls).ifPresent(x -> classGpus.put(cls, x.integer(1, Long.MAX_VALUE)));
                }
            }
        }
        return new PlacementSpec(policy, maxShare, classGpus);
    }
}
