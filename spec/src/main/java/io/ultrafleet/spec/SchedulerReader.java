package io.ultrafleet.spec;

import io.ultrafleet.scheduling.preemption.PreemptionPolicies;
import io.ultrafleet.scheduling.preemption.PreemptionTerms;
import io.ultrafleet.scheduling.preemption.VictimOrders;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code scheduler:} section. */
public final class SchedulerReader {
    public static final List<String> KEYS =
            List.of("queueDepth", "cycleInterval", "backfill", "preemption", "placement");

    /** The longest cycle interval: an hour, beyond which the scheduler would leave free capacity idle for long. */
    public static final long MAX_CYCLE_INTERVAL_MS = Durations.HOUR_MS;

    public static final List<String> BACKFILL_KEYS = List.of("interval", "maxGangs");
    public static final List<String> PREEMPTION_KEYS =
            List.of("enabled", "victimOrder", "policy", "maxCostRatio", "gainWindow", "requeueDelay");

    /** The largest cost a preemption may have per GPU-millisecond it gains. */
    public static final double MAX_COST_RATIO = 1_000_000;

    /** The longest gain window and requeue delay. */
    public static final long MAX_PREEMPTION_WINDOW_MS = 365 * Durations.DAY_MS;

    public static final List<String> PLACEMENT_KEYS = List.of("policy", "concentration");
    public static final List<String> CONCENTRATION_KEYS = List.of("maxShare", "classGpus", "by");

    /** The most jobs a scheduling cycle may examine. */
    public static final int MAX_QUEUE_DEPTH = 1_000_000;

    /** The most waiting gangs a backfill pass may reserve for. */
    public static final int MAX_GANGS = 100_000;

    /** The shortest backfill interval, other than 0 (off): more often, the passes would take the run's time. */
    public static final long MIN_BACKFILL_INTERVAL_MS = Durations.MINUTE_MS;

    private SchedulerReader() {}

    /** {@code 0s} (no backfill), or an interval from a minute to a year. */
    private static long backfillInterval(FieldReader f) {
        long ms = f.duration(0, 365 * Durations.DAY_MS);
        if (ms > 0 && ms < MIN_BACKFILL_INTERVAL_MS) {
            throw f.fail("0s (no backfill) or a duration of at least " + Durations.format(MIN_BACKFILL_INTERVAL_MS)
                    + " and at most 365d");
        }
        return ms;
    }

    /** @param classes the declared priority classes, which the concentration cap's class sizes name */
    public static SchedulerSpec read(FieldReader f, Collection<String> classes) {
        SchedulerSpec d = SchedulerSpec.DEFAULT;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        int depth = m.intIn("queueDepth", 1, MAX_QUEUE_DEPTH, d.queueDepth());
        long interval = d.backfillIntervalMs();
        int maxGangs = d.backfillMaxGangs();
        if (m.has("backfill")) {
            MappingReader b = m.optional("backfill")
                    .orElseThrow()
                    .mapping("a mapping with " + String.join(", ", BACKFILL_KEYS), BACKFILL_KEYS);
            interval = b.optional("interval")
                    .map(SchedulerReader::backfillInterval)
                    .orElse(interval);
            maxGangs = b.intIn("maxGangs", 1, MAX_GANGS, maxGangs);
        }
        boolean preemption = d.preemption();
        String order = d.victimOrder();
        String policy = d.preemptionPolicy();
        PreemptionTerms terms = d.preemptionTerms();
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
            policy = p.optional("policy")
                    .map(x -> x.oneOf("one of the preemption policies", PreemptionPolicies.names()))
                    .orElse(policy);
            terms = new PreemptionTerms(
                    p.number("maxCostRatio", 0, true, MAX_COST_RATIO, terms.maxCostRatio()),
                    p.duration("gainWindow", Durations.MINUTE_MS, MAX_PREEMPTION_WINDOW_MS, terms.gainWindowMs()),
                    p.duration("requeueDelay", 0, MAX_PREEMPTION_WINDOW_MS, terms.requeueDelayMs()));
        }
        PlacementSpec placement =
                m.optional("placement").map(x -> placement(x, classes)).orElse(PlacementSpec.DEFAULT);
        long cycleInterval = m.duration("cycleInterval", 0, MAX_CYCLE_INTERVAL_MS, d.cycleIntervalMs());
        return new SchedulerSpec(depth, interval, maxGangs, preemption, order, placement, policy, terms, cycleInterval);
    }

    private static PlacementSpec placement(FieldReader f, Collection<String> classes) {
        PlacementSpec d = PlacementSpec.DEFAULT;
        MappingReader m = f.mapping("a mapping with " + String.join(", ", PLACEMENT_KEYS), PLACEMENT_KEYS);
        String policy = m.optional("policy")
                .map(x -> x.oneOf("one of the placement policies", PlacementSpec.POLICIES))
                .orElse(d.policy());
        double maxShare = d.maxShare();
        boolean bySpend = d.bySpend();
        Map<String, Long> classGpus = new LinkedHashMap<>();
        if (m.has("concentration")) {
            MappingReader c = m.optional("concentration")
                    .orElseThrow()
                    .mapping("a mapping with " + String.join(", ", CONCENTRATION_KEYS), CONCENTRATION_KEYS);
            maxShare = c.number("maxShare", 0, true, 1);
            bySpend = c.optional("by")
                    .map(x -> x.oneOf("what the cap counts", PlacementSpec.CAP_BASES)
                            .equals("spend"))
                    .orElse(false);
            if (c.has("classGpus")) {
                MappingReader g = c.optional("classGpus")
                        .orElseThrow()
                        .mapping("a mapping from priority class names to GPUs", classes);
                for (String cls : classes) {
                    g.optional(cls).ifPresent(x -> classGpus.put(cls, x.integer(1, ScenarioLimits.MAX_QUOTA_GPUS)));
                }
            }
        }
        return new PlacementSpec(policy, maxShare, classGpus, bySpend);
    }
}
