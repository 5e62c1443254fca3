package io.ultrafleet.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes run directories that have every section and column a report can draw (training, failures, contracts and
 * cost, energy, inference, agents), as the twin writes them once all of its models are in: for tests.
 */
final class RunFixture {
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final int HOURS = 30 * 24;
    static final List<String> COLUMNS = List.of(
            "gpus_online",
            "gpus_allocated",
            "gpus_busy",
            "racks_online",
            "jobs_queued",
            "jobs_running",
            "cpu_hosts_online",
            "cpu_vcpus_online",
            "gpus_down",
            "interruptions",
            "gpus_demanded",
            "jobs_queued.lab/train",
            "jobs_queued.lab/eval",
            "spend_usd",
            "power_mw",
            "co2_t",
            "contract_spent_usd.aws-2025",
            "contract_spent_usd.azure-2026",
            "inference_replicas",
            "inference_gpus",
            "inference_tokens_per_s",
            "inference_slo_attainment",
            "agent_sessions",
            "agent_vcpus",
            "agent_sessions_waiting");

    static final String SCENARIO = """
            # A small scenario for report tests.
            apiVersion: ultrafleet/v1
            name: fixture
            description: A fixture run with every section of the summary.
            start: 2026-01-01
            horizon: 2026-01-30
            seed: 7
            fleet:
              providers:
                - name: aws
                  regions:
                    - name: us-east-1
                      sites:
                        - {name: iad, racksPerBlock: 8}
              deliveries:
                - {site: iad, model: gb200-nvl72, racks: 16, start: 2026-01-01, end: 2026-01-20}
            tenants:
              - name: lab
                queues:
                  - {name: train, priorityClass: training}
                  - {name: eval, priorityClass: research, quotaGpus: 72}
            training:
              generators:
                - name: small
                  queue: lab/eval
                  arrivals: {perDay: 20}
                  gpus: {dist: choice, values: [1, 4]}
                  duration: {dist: exponential, mean: 2h}
            """;

    private RunFixture() {}

    /** A run directory with the default figures for {@code seed}. */
    static Path write(Path dir, long seed) throws IOException {
        return write(dir, seed, 1.0);
    }

    /** A run directory whose figures are scaled by {@code factor} (allocation by a smaller amount). */
    static Path write(Path dir, long seed, double factor) throws IOException {
        Files.createDirectories(dir);
        Series series = series(factor);
        Files.writeString(dir.resolve("summary.json"), summary(seed, factor, series), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("timeseries.csv"), series.csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO, StandardCharsets.UTF_8);
        return dir;
    }

    static double allocationPct(double factor) {
        return 60 + 10 * (factor - 1);
    }

    /** A fixture's time series as CSV, and what each contract has spent by its end. */
    private record Series(String csv, double awsSpent, double azureSpent) {}

    private static String summary(long seed, double f, Series series) {
        return String.format(
                Locale.ROOT,
                """
                {
                  "schema": "ultrafleet.summary/v1",
                  "scenario": "fixture",
                  "seed": %d,
                  "start": "2026-01-01T00:00:00Z",
                  "end": "2026-01-31T00:00:00Z",
                  "fleet": {"gpus": 1152, "racks": 16, "vcpus": 0, "cpu_hosts": 0, "racks_by_model": {"gb200-nvl72": 16}},
                  "jobs": {"submitted": 600, "started": 598, "completed": %d, "running_at_end": 3, "queued_at_end": 2,
                    "preemptions": 4, "elastic_resizes": 0, "queued_at_end_by_reason": {"no_capacity": 2},
                    "wait_decisions_by_reason": {"no_capacity": 90}},
                  "gpu_hours": {"online": 829440, "allocated": 497664, "busy": %.1f, "lost_to_preemption": 120.5},
                  "gpu_allocation_pct": %.3f,
                  "gpu_busy_pct": 58.5,
                  "queues": [
                    {"name": "lab/train", "submitted": 10, "started": 10, "completed": 9, "preempted": 0,
                     "gpu_hours_allocated": 400000, "gpu_hours_busy": 400000,
                     "wait_hours": {"mean": %.3f, "p50": 2, "p95": 30, "max": 41}},
                    {"name": "lab/eval", "submitted": 590, "started": 588, "completed": 586, "preempted": 4,
                     "gpu_hours_allocated": 97664, "gpu_hours_busy": 90000,
                     "wait_hours": {"mean": 0.5, "p50": 0, "p95": 2.5, "max": 9}}
                  ],
                  "reliability": {"failures_enabled": true, "faults": 40, "interruptions_total": 12,
                    "interruptions_by_cause": {"Faulty GPU": 7, "Host Maintenance": 5}, "ettr": %.4f,
                    "goodput_gpu_hours": 380000,
                    "gpu_hours_lost_by_cause": {
                      "Faulty GPU": {"lost_work": 900, "restart": 300, "waiting_for_capacity": 1200, "repair": 400},
                      "Host Maintenance": {"lost_work": 500, "restart": 200, "waiting_for_capacity": 100, "repair": 800}},
                    "gpu_hours_lost": {"lost_work": 1400, "restart": 500, "waiting_for_capacity": 1300, "repair": 1200}},
                  "cost": {"total_usd": %.1f, "usd_per_useful_gpu_hour": %.3f, "implied_contract_usd_per_gpu_hour": 3.1,
                    "idle_commitment_usd": 250000,
                    "by_contract": [
                      {"name": "aws-2025", "provider": "aws", "billing": "reserved", "committed_usd": 2000000,
                       "spent_usd": %.2f, "remaining_commitment_usd": %.2f},
                      {"name": "azure-2026", "provider": "azure", "billing": "on-use", "committed_usd": 1500000,
                       "spent_usd": %.2f, "remaining_commitment_usd": %.2f}]},
                  "energy": {"mwh": %.1f, "peak_mw": 2.2, "tco2": 310.5},
                  "inference": {"tokens_served": 123456789000, "gpu_hours": 120000,
                    "services": [
                      {"name": "chat", "slo_attainment": 0.991, "tokens_served": 100000000000, "replicas_max": 40},
                      {"name": "batch", "slo_attainment": 0.9, "tokens_served": 23456789000, "replicas_max": 12}]},
                  "agents": {"sessions": 5400000, "vcpu_hours": 3200000, "peak_sandboxes": 21000,
                    "admission_wait_hours_mean": 0.04},
                  "engine": {"events": 123456, "scheduling_cycles": 4567}
                }
                """,
                seed,
                Math.round(586 * f),
                480000 * f,
                allocationPct(f),
                5.5 * f,
                Math.min(0.99, 0.9 * f),
                2400000 * f,
                4.2 * f,
                series.awsSpent(),
                2000000 - series.awsSpent(),
                series.azureSpent(),
                1500000 - series.azureSpent(),
                1500 * f);
    }

    private static Series series(double f) {
        StringBuilder sb = new StringBuilder("time," + String.join(",", COLUMNS) + "\n");
        double spent1 = 0;
        double spent2 = 0;
        for (int h = 1; h <= HOURS; h++) {
            double day = h / 24.0;
            double online = Math.min(1152, 72 * (1 + Math.floor(day * 16 / 19)));
            double wave = 0.5 + 0.5 * Math.sin(h / 20.0);
            double allocated = online * (0.5 + 0.3 * wave) * f;
            double spend = 3000 + 1000 * wave;
            spent1 += spend * 0.6;
            spent2 += spend * 0.4;
            double[] v = {
                online,
                allocated,
                allocated * 0.97,
                online / 72,
                (h * 7) % 13,
                20 + (h % 9),
                0,
                0,
                h % 50 == 0 ? 72 : 0,
                h % 60 == 0 ? 1 : 0,
                online * (0.6 + 0.4 * wave),
                (h * 3) % 5,
                (h * 7) % 11,
                spend,
                1.5 + 0.5 * wave,
                0.3 + 0.1 * wave,
                spent1,
                spent2,
                20 + Math.round(20 * wave),
                80 + Math.round(80 * wave),
                1.2e6 * wave,
                0.95 + 0.04 * wave,
                15000 + 6000 * wave,
                60000 + 24000 * wave,
                Math.round(500 * wave)
            };
            sb.append(Instant.ofEpochMilli(START + h * 3_600_000L));
            for (double x : v) {
                sb.append(',')
                        .append(x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x));
            }
            sb.append('\n');
        }
        return new Series(sb.toString(), spent1, spent2);
    }
}
