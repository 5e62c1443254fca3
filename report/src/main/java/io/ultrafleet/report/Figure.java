package io.ultrafleet.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One headline number of a run, read from its summary: what comparisons, replications and sweeps put side by side.
 *
 * @param key where it comes from in {@code summary.json}, as a dotted path
 * @param label what a reader calls it
 * @param unit its unit, or empty for a count
 * @param better +1 when higher is better, -1 when lower is better, 0 when neither
 */
record Figure(String key, String label, String unit, int better, Function<Object, Optional<Double>> read) {

    /** The figure's value in a summary, if the summary has it. */
    Optional<Double> of(Map<String, Object> summary) {
        return read.apply(summary);
    }

    private static Figure at(String key, String label, String unit, int better) {
        return new Figure(key, label, unit, better, s -> JsonTree.number(s, key).map(BigDecimal::doubleValue));
    }

    /** The sum of the numbers inside the object at {@code key}. */
    private static Figure sumOf(String key, String label, String unit, int better) {
        return new Figure(
                key,
                label,
                unit,
                better,
                s -> JsonTree.at(s, key)
                        .filter(Map.class::isInstance)
                        .map(m -> ((Map<?, ?>) m)
                                .values().stream()
                                        .filter(BigDecimal.class::isInstance)
                                        .mapToDouble(v -> ((BigDecimal) v).doubleValue())
                                        .sum()));
    }

    /**
     * The headline figures that any of {@code summaries} has, in a fixed order: fleet use, jobs, reliability, waits
     * per queue, cost, energy, inference per service, agents.
     */
    static List<Figure> main(List<Map<String, Object>> summaries) {
        List<Figure> all = new ArrayList<>(List.of(
                at("gpu_allocation_pct", "GPU allocation", "%", 1),
                at("gpu_busy_pct", "GPU busy", "%", 1),
                at("gpu_hours.busy", "GPU-hours busy", "GPU-h", 1),
                at("jobs.completed", "Jobs completed", "", 1),
                at("jobs.queued_at_end", "Jobs queued at the end", "", -1),
                at("jobs.preemptions", "Preemptions", "", -1),
                at("gpu_hours.lost_to_preemption", "GPU-hours lost to preemption", "GPU-h", -1),
                at("reliability.ettr", "Training ETTR", "", 1),
                at("reliability.interruptions_total", "Interruptions by failures", "", -1),
                sumOf("reliability.gpu_hours_lost", "GPU-hours lost to failures", "GPU-h", -1)));
        for (String q : names(summaries, "queues")) {
            String base = "queues[name=" + q + "].wait_hours.";
            all.add(at(base + "mean", "Mean wait, " + q, "h", -1));
            all.add(at(base + "p95", "95th percentile wait, " + q, "h", -1));
        }
        all.addAll(List.of(
                at("cost.total_usd", "Total cost", "USD", -1),
                at("cost.usd_per_useful_gpu_hour", "Cost per useful training GPU-hour", "USD", -1),
                at("cost.implied_contract_usd_per_gpu_hour", "Implied contract price per GPU-hour", "USD", -1),
                at("cost.idle_commitment_usd", "Idle commitment", "USD", -1),
                at("energy.mwh", "Energy", "MWh", -1),
                at("energy.peak_mw", "Peak power", "MW", -1),
                at("energy.tco2", "Carbon", "tCO2", -1),
                at("inference.tokens_served", "Tokens served", "", 1),
                at("inference.gpu_hours", "Inference GPU-hours", "GPU-h", 0)));
        for (String svc : names(summaries, "inference.services")) {
            all.add(at("inference.services[name=" + svc + "].slo_attainment", "SLO attainment, " + svc, "", 1));
        }
        all.addAll(List.of(
                at("agents.sessions", "Agent sessions", "", 1),
                at("agents.vcpu_hours", "Agent vCPU-hours", "vCPU-h", 0),
                at("agents.peak_sandboxes", "Peak agent sandboxes", "", 0),
                at("agents.admission_wait_hours_mean", "Mean agent admission wait", "h", -1)));
        return all.stream()
                .filter(f -> summaries.stream().anyMatch(s -> f.of(s).isPresent()))
                .toList();
    }

    /** The {@code name}s of the objects in the array at {@code path}, over all summaries, first seen first. */
    private static List<String> names(List<Map<String, Object>> summaries, String path) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> s : summaries) {
            JsonTree.at(s, path).filter(List.class::isInstance).ifPresent(l -> {
                for (Object o : (List<?>) l) {
                    if (o instanceof Map<?, ?> m && m.get("name") instanceof String n && !out.contains(n)) {
                        out.add(n);
                    }
                }
            });
        }
        return out;
    }
}
