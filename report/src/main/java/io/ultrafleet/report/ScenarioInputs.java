package io.ultrafleet.report;

import io.ultrafleet.fleet.CpuHostShape;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.spec.ArrivalSpec;
import io.ultrafleet.spec.DistributionSpec;
import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.SchedulerSpec;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import io.ultrafleet.twin.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key inputs of a scenario as rows of a table ({@code section, item, value}), in words a planner reads: what is
 * delivered where and when, the queues and their quotas, the work and its rates, the scheduler and failure settings.
 */
final class ScenarioInputs {
    private final HardwareCatalogue catalogue;
    private final List<List<String>> rows = new ArrayList<>();

    private ScenarioInputs(HardwareCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The rows for {@code s}; models and host shapes are looked up in {@code catalogue}. */
    static List<List<String>> rows(Scenario s, HardwareCatalogue catalogue) {
        ScenarioInputs in = new ScenarioInputs(catalogue);
        in.general(s);
        in.fleet(s.fleet());
        in.tenants(s.tenants());
        in.training(s.training());
        in.scheduler(s.scheduler());
        in.reliability(s.reliability());
        return in.rows;
    }

    private void add(String section, String item, String value) {
        rows.add(List.of(section, item, value));
    }

    private void general(Scenario s) {
        add("Scenario", "Name", s.name());
        add(
                "Scenario",
                "Period",
                day(s.startMs()) + " to " + day(s.endMs() - 1) + " (" + (s.endMs() - s.startMs()) / Durations.DAY_MS
                        + " days)");
        add("Scenario", "Seed in the file", Long.toString(s.seed()));
        add("Scenario", "Time-series step", Durations.format(s.outputs().timeSeriesStepMs()));
    }

    private void fleet(FleetSpec f) {
        List<String> sites = new ArrayList<>();
        f.providers()
                .forEach(p -> p.regions()
                        .forEach(r -> r.sites().forEach(x -> sites.add(p.name() + "/" + r.name() + "/" + x.name()))));
        add("Fleet", "Sites", String.join(", ", sites));
        Map<String, long[]> byModel = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (FleetSpec.DeliverySpec d : f.deliveries()) {
            long[] racksGpus = byModel.computeIfAbsent(d.model(), m -> new long[2]);
            racksGpus[0] += d.racks();
            racksGpus[1] += (long) d.racks()
                    * catalogue
                            .model(d.model())
                            .map(HardwareModel::gpusPerDomain)
                            .orElse(0);
            first = Math.min(first, d.startMs());
            last = Math.max(last, d.endMs());
        }
        long racks = 0;
        long gpus = 0;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byModel.entrySet()) {
            racks += e.getValue()[0];
            gpus += e.getValue()[1];
            parts.add(e.getKey() + " " + count(e.getValue()[0]) + " racks");
        }
        if (!byModel.isEmpty()) {
            add(
                    "Fleet",
                    "Deliveries",
                    count(gpus) + " GPUs in " + count(racks) + " racks (" + String.join(", ", parts) + "), "
                            + day(first) + " to " + day(last - 1) + ", in "
                            + f.deliveries().size() + " tranches");
        }
        int decommissioned = f.decommissions().stream()
                .mapToInt(FleetSpec.DecommissionSpec::racks)
                .sum();
        if (decommissioned > 0) {
            add("Fleet", "Decommissions", count(decommissioned) + " racks");
        }
        for (FleetSpec.CpuPoolSpec p : f.cpuPools()) {
            int hosts =
                    p.ramp().isEmpty() ? 0 : p.ramp().get(p.ramp().size() - 1).hosts();
            int vcpus =
                    catalogue.hostShape(p.hostShape()).map(CpuHostShape::vcpus).orElse(0);
            add(
                    "Fleet",
                    "CPU pool " + p.name(),
                    count(hosts) + " hosts of " + p.hostShape() + " at " + p.site() + " (" + count((long) hosts * vcpus)
                            + " vCPUs) by the end of its ramp");
        }
    }

    private void tenants(List<TenantSpec> tenants) {
        for (TenantSpec t : tenants) {
            for (TenantSpec.QueueSpec q : t.queues()) {
                List<String> parts = new ArrayList<>();
                parts.add("priority class " + q.priorityClass());
                if (q.quotaGpus() > 0) {
                    parts.add("quota " + count(q.quotaGpus()) + " GPUs");
                }
                for (TenantSpec.QuotaSpec quota : q.quotas()) {
                    String flavour = (quota.model() == null ? "any model" : quota.model())
                            + (quota.site() == null ? "" : " at " + quota.site());
                    String borrow =
                            quota.borrowingLimitGpus() < 0 ? "" : ", may borrow " + count(quota.borrowingLimitGpus());
                    parts.add("quota " + count(quota.nominalGpus()) + " GPUs of " + flavour + borrow);
                }
                if (q.quotaGpus() <= 0 && q.quotas().isEmpty()) {
                    parts.add("no quota");
                }
                if (q.cohort() != null) {
                    parts.add("cohort " + q.cohort());
                }
                add("Queues", t.name() + "/" + q.name(), String.join("; ", parts));
            }
        }
    }

    private void training(TrainingSpec t) {
        if (!t.jobs().isEmpty()) {
            List<String> names = t.jobs().stream()
                    .map(j -> j.name() + " (" + count(j.gpus()) + " GPUs, " + Durations.format(j.durationMs()) + ")")
                    .toList();
            add("Training", "Explicit jobs", String.join(", ", names));
        }
        for (TrainingSpec.GeneratorSpec g : t.generators()) {
            add(
                    "Training",
                    "Generator " + g.name(),
                    g.queue() + ": " + rate(g.arrivals()) + "; GPUs " + dist(g.gpus(), false) + "; duration "
                            + dist(g.duration(), true)
                            + (g.recovery().elasticMin() > 0
                                    ? "; elastic down to "
                                            + percent(g.recovery().elasticMin())
                                    : ""));
        }
    }

    private void scheduler(SchedulerSpec s) {
        add("Scheduler", "Queue depth", s.queueDepth() + " jobs per cycle");
        add(
                "Scheduler",
                "Backfill",
                s.backfillIntervalMs() == 0
                        ? "off"
                        : "every " + Durations.format(s.backfillIntervalMs()) + ", up to " + s.backfillMaxGangs()
                                + " gangs reserved");
        add("Scheduler", "Preemption", s.preemption() ? "on, victims by " + s.victimOrder() : "off");
    }

    private void reliability(ReliabilitySpec r) {
        if (!r.enabled()) {
            add("Reliability", "Failures", "off");
            return;
        }
        add(
                "Reliability",
                "Failures",
                "on, " + plain(r.generationMultiplier()) + " x the Llama 3 rate"
                        + (r.modelMultipliers().isEmpty()
                                ? ""
                                : ", per model " + new java.util.TreeMap<>(r.modelMultipliers())));
        add(
                "Reliability",
                "Repair",
                "detection " + Durations.format(r.detectionMs()) + "; tray " + dist(r.trayRepair(), true) + "; rack "
                        + dist(r.rackRepair(), true));
        if (r.sparesPerRack() > 0 || r.spareRacksPerBlock() > 0) {
            add(
                    "Reliability",
                    "Spares",
                    r.sparesPerRack() + " trays per rack, " + r.spareRacksPerBlock() + " racks per block");
        }
    }

    private static String rate(ArrivalSpec a) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (ArrivalSpec.RateStep s : a.rates()) {
            min = Math.min(min, s.perDay());
            max = Math.max(max, s.perDay());
        }
        String perDay = min == max ? plain(min) : plain(min) + " to " + plain(max);
        return perDay + " jobs per day from " + day(a.rates().get(0).fromMs());
    }

    private static String dist(DistributionSpec d, boolean duration) {
        if (d instanceof DistributionSpec.Fixed f) {
            return value(f.value(), duration);
        }
        if (d instanceof DistributionSpec.Choice c) {
            List<String> v = new ArrayList<>();
            for (double x : c.values()) {
                v.add(value(x, duration));
            }
            return "one of " + String.join(", ", v);
        }
        if (d instanceof DistributionSpec.Uniform u) {
            return "uniform " + value(u.min(), duration) + " to " + value(u.max(), duration);
        }
        if (d instanceof DistributionSpec.LogNormal l) {
            return "lognormal, median " + value(l.median(), duration) + " (" + value(l.min(), duration) + " to "
                    + value(l.max(), duration) + ")";
        }
        if (d instanceof DistributionSpec.Exponential e) {
            return "exponential, mean " + value(e.mean(), duration);
        }
        return d.toString();
    }

    private static String value(double v, boolean duration) {
        return duration ? Durations.format(Math.round(v)) : count(Math.round(v));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String percent(double fraction) {
        return plain(Math.round(fraction * 1000) / 10.0) + " %";
    }

    private static String day(long ms) {
        return java.time.Instant.ofEpochMilli(ms).toString().substring(0, 10);
    }
}
