package io.ultrafleet.twin.scenario;

import io.ultrafleet.scheduling.preemption.VictimOrders;
import java.util.List;

/** Reads the {@code scheduler:} section. */
final class SchedulerReader {
    static final List<String> KEYS = List.of("queueDepth", "backfill", "preemption");
    static final List<String> BACKFILL_KEYS = List.of("interval", "maxGangs");
    static final List<String> PREEMPTION_KEYS = List.of("enabled", "victimOrder");

    private SchedulerReader() {}

    static SchedulerSpec read(FieldReader f) {
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
        return new SchedulerSpec(depth, interval, maxGangs, preemption, order);
    }
}
