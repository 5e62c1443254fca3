package io.ultrafleet.twin.output;

import static io.ultrafleet.twin.output.SummaryJson.decimal;
import static io.ultrafleet.twin.output.SummaryJson.decimalOrNull;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.scheduling.sites.ConcentrationCap;
import io.ultrafleet.twin.cost.ContractTerms;
import io.ultrafleet.twin.cost.CostLedger;
import io.ultrafleet.twin.cost.Tariffs.Payer;
import io.ultrafleet.twin.failures.SpotReclaims;
import io.ultrafleet.twin.run.FleetAccounts;
import io.ultrafleet.twin.run.RunResult;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code cost} section of the summary (documented in {@code docs/summary.md}); null when nothing is priced. */
final class CostJson {
    private static final double MS_PER_HOUR = 3_600_000.0;

    private CostJson() {}

    static void write(JsonGenerator g, RunResult r) throws IOException {
        FleetAccounts a = r.accounts();
        CostLedger c = a.cost();
        if (c == null) {
            g.writeNullField("cost");
            return;
        }
        List<Payer> payers = c.payers();
        double total = c.total();
        double cpu = 0;
        double overflow = 0;
        double idle = 0;
        double shortfall = 0;
        Map<String, Double> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < payers.size(); i++) {
            cpu += c.cpu(i);
            shortfall += c.shortfall(i);
            if (payers.get(i).contract() == null) {
                overflow += c.spent(i);
            } else {
                idle += c.idle(i);
            }
            byProvider.merge(payers.get(i).provider(), c.spent(i), Double::sum);
        }
        double gpu = total - cpu;
        double goodput = r.reliability().goodputGpuMs() / MS_PER_HOUR;
        g.writeObjectFieldStart("cost");
        decimal(g, "total_usd", total, 2);
        decimal(g, "gpu_usd", gpu, 2);
        decimal(g, "cpu_usd", cpu, 2);
        decimal(g, "overflow_usd", overflow, 2);
        decimal(g, "idle_commitment_usd", idle, 2);
        decimal(g, "take_or_pay_shortfall_usd", shortfall, 2);
        decimal(g, "unpriced_gpu_hours", c.unpricedGpuMs() / MS_PER_HOUR, 1);
        decimalOrNull(g, "usd_per_online_gpu_hour", perHour(gpu, r.onlineGpuMs()), 4);
        decimalOrNull(g, "usd_per_allocated_gpu_hour", perHour(gpu, r.allocatedGpuMs()), 4);
        decimalOrNull(g, "usd_per_busy_gpu_hour", perHour(gpu, r.busyGpuMs()), 4);
        decimalOrNull(g, "usd_per_useful_gpu_hour", goodput > 0 ? gpu / goodput : Double.NaN, 4);
        decimalOrNull(g, "implied_contract_usd_per_gpu_hour", a.impliedUsdPerGpuHour(), 4);
        g.writeNumberField("tokens_served", c.tokens());
        decimalOrNull(g, "usd_per_million_tokens", c.tokens() > 0 ? total / (c.tokens() / 1e6) : Double.NaN, 4);
        writeContracts(g, r, a, c);
        writeOverflow(g, c, a);
        g.writeObjectFieldStart("by_provider");
        for (Map.Entry<String, Double> e : byProvider.entrySet()) {
            decimal(g, e.getKey(), e.getValue(), 2);
        }
        g.writeEndObject();
        writeQueues(g, r, a, c, total);
        writeShares(g, a);
        g.writeEndObject();
    }

    private static double perHour(double usd, long gpuMs) {
        return gpuMs > 0 ? usd / (gpuMs / MS_PER_HOUR) : Double.NaN;
    }

    private static void writeContracts(JsonGenerator g, RunResult r, FleetAccounts a, CostLedger c) throws IOException {
        List<Payer> payers = c.payers();
        List<ContractTerms.Terms> terms = a.terms();
        g.writeArrayFieldStart("by_contract");
        int k = 0;
        for (int i = 0; i < payers.size(); i++) {
            Payer p = payers.get(i);
            if (p.contract() == null) {
                continue;
            }
            var spec = p.contract();
            ContractTerms.Terms t = terms.get(k++);
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("provider", p.provider());
            g.writeStringField("billing", p.kind());
            g.writeStringField("start", Instant.ofEpochMilli(spec.startMs()).toString());
            g.writeStringField("end", Instant.ofEpochMilli(spec.endMs()).toString());
            decimalOrNull(g, "committed_usd", spec.committedUsd() >= 0 ? spec.committedUsd() : Double.NaN, 2);
            if (spec.committedGpus() > 0) {
                g.writeNumberField("committed_gpus", spec.committedGpus());
            } else {
                g.writeNullField("committed_gpus");
            }
            g.writeBooleanField("take_or_pay", spec.takeOrPay());
            decimal(g, "spent_usd", c.spent(i), 2);
            decimal(g, "cpu_usd", c.cpu(i), 2);
            decimal(g, "idle_usd", c.idle(i), 2);
            decimal(g, "shortfall_usd", c.shortfall(i), 2);
            boolean committed = spec.committedUsd() >= 0;
            decimalOrNull(
                    g,
                    "remaining_commitment_usd",
                    committed ? Math.max(0, spec.committedUsd() - c.spent(i)) : Double.NaN,
                    2);
            long inRun = Math.max(0, Math.min(spec.endMs(), r.endMs()) - Math.max(spec.startMs(), r.startMs()));
            decimal(g, "term_elapsed_pct", 100.0 * inRun / (spec.endMs() - spec.startMs()), 3);
            decimalOrNull(
                    g,
                    "commitment_burn_pct",
                    committed && spec.committedUsd() > 0 ? 100.0 * c.spent(i) / spec.committedUsd() : Double.NaN,
                    3);
            decimalOrNull(g, "implied_usd_per_gpu_hour", t.impliedUsdPerGpuHour(), 4);
            decimalOrNull(g, "implied_delivered_usd_per_gpu_hour", t.impliedDeliveredUsdPerGpuHour(), 4);
            decimal(g, "projected_term_usd", t.projectedUsd(), 2);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeOverflow(JsonGenerator g, CostLedger c, FleetAccounts a) throws IOException {
        List<Payer> payers = c.payers();
        Map<String, SpotReclaims.Tally> reclaims = a.reclaimTallies();
        g.writeArrayFieldStart("by_overflow");
        for (int i = 0; i < payers.size(); i++) {
            Payer p = payers.get(i);
            if (p.contract() != null) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("provider", p.provider());
            g.writeStringField("kind", p.kind());
            decimal(g, "spent_usd", c.spent(i), 2);
            decimal(g, "cpu_usd", c.cpu(i), 2);
            SpotReclaims.Tally t = reclaims.get(p.name());
            if (t == null) {
                g.writeNullField("reclaims");
            } else {
                g.writeObjectFieldStart("reclaims");
                g.writeNumberField("count", t.reclaims());
                decimal(g, "gpu_hours_away", t.awayGpuMs() / MS_PER_HOUR, 1);
                decimal(g, "lost_work_gpu_hours", t.lostGpuMs() / MS_PER_HOUR, 1);
                decimal(g, "lost_work_usd", t.lostUsd(), 2);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeQueues(JsonGenerator g, RunResult r, FleetAccounts a, CostLedger c, double total)
            throws IOException {
        List<String> classes = a.queueClasses();
        Map<String, Double> byClass = new LinkedHashMap<>();
        double attributed = 0;
        g.writeObjectFieldStart("by_queue");
        for (int q = 0; q < r.queues().size(); q++) {
            decimal(g, r.queues().get(q).name(), c.queueSpend(q), 2);
            byClass.merge(classes.get(q), c.queueSpend(q), Double::sum);
            attributed += c.queueSpend(q);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("by_class");
        for (Map.Entry<String, Double> e : byClass.entrySet()) {
            decimal(g, e.getKey(), e.getValue(), 2);
        }
        g.writeEndObject();
        decimal(g, "unattributed_usd", total - attributed, 2);
    }

    private static void writeShares(JsonGenerator g, FleetAccounts a) throws IOException {
        Map<String, Long> byProvider = a.allocatedGpuMsByProvider();
        long all = 0;
        for (long v : byProvider.values()) {
            all += v;
        }
        g.writeObjectFieldStart("provider_share_of_allocated_gpu_hours_pct");
        for (Map.Entry<String, Long> e : byProvider.entrySet()) {
            decimal(g, e.getKey(), all == 0 ? 0 : 100.0 * e.getValue() / all, 3);
        }
        g.writeEndObject();
        ConcentrationCap cap = a.cap();
        if (cap == null) {
            g.writeNullField("concentration_cap");
        } else {
            g.writeObjectFieldStart("concentration_cap");
            decimal(g, "max_share", cap.maxShare(), 4);
            g.writeStringField("by", cap.bySpend() ? "spend" : "gpus");
            g.writeBooleanField("held", cap.worstOverLimit() <= 0);
            g.writeEndObject();
        }
    }
}
