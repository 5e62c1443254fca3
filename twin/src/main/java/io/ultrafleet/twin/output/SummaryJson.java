package io.ultrafleet.twin.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.failures.ReliabilityLedger;
import io.ultrafleet.twin.metrics.LongSamples;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.run.ClassFigures;
import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a run's summary as JSON, schema {@value #SCHEMA} (documented in {@code docs/summary.md}). The output
 * depends only on the run's inputs: no wall-clock times, fixed key order, numbers rounded to fixed decimals.
 */
public final class SummaryJson {
    public static final String SCHEMA = "ultrafleet.summary/v1";
    private static final double MS_PER_HOUR = 3_600_000.0;

    private SummaryJson() {}

    public static String toJson(RunResult r) {
        return JsonText.write(g -> write(g, r));
    }

    private static void write(JsonGenerator g, RunResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("scenario", r.scenario());
        g.writeNumberField("seed", r.seed());
        g.writeStringField("start", Instant.ofEpochMilli(r.startMs()).toString());
        g.writeStringField("end", Instant.ofEpochMilli(r.endMs()).toString());

        g.writeObjectFieldStart("fleet");
        g.writeNumberField("gpus", r.fleetGpus());
        g.writeNumberField("racks", r.fleetRacks());
        g.writeNumberField("vcpus", r.fleetVcpus());
        g.writeNumberField("cpu_hosts", r.cpuHosts());
        g.writeObjectFieldStart("racks_by_model");
        for (Map.Entry<String, Integer> e : r.modelRacks().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();

        g.writeObjectFieldStart("jobs");
        g.writeNumberField("submitted", r.jobsSubmitted());
        g.writeNumberField("started", r.jobsStarted());
        g.writeNumberField("completed", r.jobsCompleted());
        g.writeNumberField("running_at_end", r.jobsRunning());
        g.writeNumberField("queued_at_end", r.jobsQueued());
        g.writeNumberField("preemptions", r.preemptions());
        g.writeNumberField("elastic_resizes", r.elasticResizes());
        g.writeObjectFieldStart("queued_at_end_by_reason");
        for (Map.Entry<String, Long> e : r.waitReasons().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("wait_decisions_by_reason");
        for (Map.Entry<String, Long> e : r.waitDecisions().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();

        g.writeObjectFieldStart("gpu_hours");
        decimal(g, "online", r.onlineGpuMs() / MS_PER_HOUR, 1);
        decimal(g, "allocated", r.allocatedGpuMs() / MS_PER_HOUR, 1);
        decimal(g, "busy", r.busyGpuMs() / MS_PER_HOUR, 1);
        decimal(g, "lost_to_preemption", r.preemptionLostGpuMs() / MS_PER_HOUR, 1);
        g.writeEndObject();
        decimal(g, "gpu_allocation_pct", r.gpuAllocationPct(), 3);
        decimal(g, "gpu_busy_pct", r.gpuBusyPct(), 3);

        g.writeArrayFieldStart("queues");
        for (QueueStats q : r.queues()) {
            g.writeStartObject();
            g.writeStringField("name", q.name());
            g.writeNumberField("submitted", q.submittedCount());
            g.writeNumberField("started", q.startedCount());
            g.writeNumberField("completed", q.completedCount());
            g.writeNumberField("preempted", q.preemptedCount());
            decimal(g, "gpu_hours_allocated", q.allocatedGpuMs() / MS_PER_HOUR, 1);
            decimal(g, "gpu_hours_busy", q.busyGpuMs() / MS_PER_HOUR, 1);
            LongSamples w = q.waitsMs();
            g.writeObjectFieldStart("wait_hours");
            decimal(g, "mean", w.mean() / MS_PER_HOUR, 3);
            decimal(g, "p50", w.quantile(0.5) / MS_PER_HOUR, 3);
            decimal(g, "p95", w.quantile(0.95) / MS_PER_HOUR, 3);
            decimal(g, "max", w.quantile(1.0) / MS_PER_HOUR, 3);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        writeClasses(g, r);

        writeReliability(g, r);
        ServingJson.write(g, r.serving());
        CostJson.write(g, r);
        EnergyJson.write(g, r);

        g.writeObjectFieldStart("engine");
        g.writeNumberField("events", r.events());
        g.writeNumberField("scheduling_cycles", r.schedulingCycles());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** How each priority class fared: {@link ClassFigures}. */
    private static void writeClasses(JsonGenerator g, RunResult r) throws IOException {
        g.writeArrayFieldStart("classes");
        for (ClassFigures c : ClassFigures.of(r)) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeNumberField("priority", c.priority());
            g.writeArrayFieldStart("queues");
            for (String q : c.queues()) {
                g.writeString(q);
            }
            g.writeEndArray();
            g.writeNumberField("submitted", c.submitted());
            g.writeNumberField("started", c.started());
            g.writeNumberField("completed", c.completed());
            g.writeNumberField("preempted", c.preempted());
            decimal(g, "gpu_hours_allocated", c.allocatedGpuMs() / MS_PER_HOUR, 1);
            LongSamples w = c.waitsMs();
            g.writeObjectFieldStart("wait_hours");
            decimal(g, "mean", w.mean() / MS_PER_HOUR, 3);
            decimal(g, "p50", w.quantile(0.5) / MS_PER_HOUR, 3);
            decimal(g, "p95", w.quantile(0.95) / MS_PER_HOUR, 3);
            decimal(g, "p99", w.quantile(0.99) / MS_PER_HOUR, 3);
            decimal(g, "max", w.quantile(1.0) / MS_PER_HOUR, 3);
            g.writeEndObject();
            decimalOrNull(g, "ettr", c.ettr(), 4);
            decimalOrNull(g, "slo_attainment", c.sloAttainment(), 4);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeReliability(JsonGenerator g, RunResult r) throws IOException {
        ReliabilityLedger rel = r.reliability();
        g.writeObjectFieldStart("reliability");
        g.writeBooleanField("failures_enabled", r.failuresEnabled());
        g.writeNumberField("faults", r.faults());
        g.writeNumberField("interruptions_total", rel.interruptionsTotal());
        g.writeObjectFieldStart("interruptions_by_cause");
        for (Map.Entry<String, Long> e : rel.interruptionsByCause().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        decimal(g, "ettr", rel.ettr(), 4);
        decimal(g, "goodput_gpu_hours", rel.goodputGpuMs() / MS_PER_HOUR, 1);
        g.writeObjectFieldStart("gpu_hours_lost_by_cause");
        double[] total = new double[4];
        for (Map.Entry<String, ReliabilityLedger.Loss> e : rel.lossesByCause().entrySet()) {
            ReliabilityLedger.Loss l = e.getValue();
            double[] parts = {
                l.lostWorkGpuMs() / MS_PER_HOUR,
                l.restartGpuMs() / MS_PER_HOUR,
                l.waitingGpuMs() / MS_PER_HOUR,
                l.repairGpuMs() / MS_PER_HOUR
            };
            g.writeObjectFieldStart(e.getKey());
            writeLoss(g, parts);
            g.writeEndObject();
            for (int i = 0; i < 4; i++) {
                total[i] += parts[i];
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("gpu_hours_lost");
        writeLoss(g, total);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeLoss(JsonGenerator g, double[] parts) throws IOException {
        decimal(g, "lost_work", parts[0], 1);
        decimal(g, "restart", parts[1], 1);
        decimal(g, "waiting_for_capacity", parts[2], 1);
        decimal(g, "repair", parts[3], 1);
    }

    /** As {@link #decimal}, writing null for NaN (not known, or not defined). */
    static void decimalOrNull(JsonGenerator g, String name, double v, int decimals) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else {
            decimal(g, name, v, decimals);
        }
    }

    /** Writes {@code v} rounded half-even to {@code decimals} places, in plain notation without trailing zeros. */
    static void decimal(JsonGenerator g, String name, double v, int decimals) throws IOException {
        g.writeNumberField(
                name,
                BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }
}
