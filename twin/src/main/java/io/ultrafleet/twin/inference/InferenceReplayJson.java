package io.ultrafleet.twin.inference;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.output.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a {@link InferenceReplayResult} as JSON: the trace and pool, the offered demand, and one object each for
 * {@code request_level} and {@code flow} with the same keys ({@code throughput_tokens_per_s}, {@code p50_latency_s},
 * {@code p99_latency_s}, {@code slo_attainment}, ...), then their {@code agreement}. Fixed key order and rounding, no
 * wall-clock times, so the same inputs give the same bytes. A latency with no request behind it is {@code null}.
 */
public final class InferenceReplayJson {
    private InferenceReplayJson() {}

    public static String toJson(InferenceReplayResult r) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("trace", r.trace());
            g.writeStringField("format", r.format().label());
            g.writeStringField("profile", r.profile().name());
            g.writeNumberField("replicas", r.replicas());
            g.writeBooleanField("replicas_chosen", r.replicasChosen());
            g.writeNumberField("gpus", (long) r.replicas() * r.profile().gpusPerReplica());
            decimal(g, "step_s", r.stepMs() / 1000.0, 3);
            if (r.overload().sheds()) {
                decimal(g, "max_queue_wait_s", r.overload().maxQueueWaitMs() / 1000.0, 3);
            } else {
                g.writeNullField("max_queue_wait_s");
            }
            g.writeObjectFieldStart("slo");
            decimal(g, "ttft_s", r.profile().ttftTargetS(), 3);
            decimal(g, "tpot_s", r.profile().tpotTargetS(), 3);
            g.writeEndObject();
            g.writeObjectFieldStart("offered");
            g.writeNumberField("requests", r.requests());
            decimal(g, "window_s", r.windowS(), 3);
            decimal(g, "requests_per_s", r.requestsPerS(), 4);
            decimal(g, "input_tokens_per_s", r.inputTokensPerS(), 1);
            decimal(g, "output_tokens_per_s", r.outputTokensPerS(), 1);
            decimal(g, "prefix_cache_share", r.prefixCacheShare(), 4);
            decimal(g, "mean_load", r.meanLoad(), 4);
            decimal(g, "peak_step_load", r.peakLoad(), 4);
            g.writeEndObject();
            metrics(g, "request_level", r.requestLevel());
            metrics(g, "flow", r.flow());
            g.writeObjectFieldStart("agreement");
            decimal(g, "throughput_ratio", r.throughputRatio(), 4);
            decimal(g, "slo_attainment_difference", r.sloAttainmentDifference(), 4);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void metrics(JsonGenerator g, String name, ServingMetrics m) throws IOException {
        g.writeObjectFieldStart(name);
        decimal(g, "throughput_tokens_per_s", m.throughputTokensPerS(), 1);
        decimal(g, "input_tokens_per_s", m.inputTokensPerS(), 1);
        decimal(g, "output_tokens_per_s", m.outputTokensPerS(), 1);
        g.writeNumberField("requests_served", m.servedRequests());
        g.writeNumberField("requests_shed", m.shedRequests());
        decimal(g, "p50_latency_s", m.p50LatencyS(), 4);
        decimal(g, "p99_latency_s", m.p99LatencyS(), 4);
        decimal(g, "mean_latency_s", m.meanLatencyS(), 4);
        decimal(g, "ttft_p50_s", m.ttftP50S(), 4);
        decimal(g, "ttft_p99_s", m.ttftP99S(), 4);
        decimal(g, "tpot_p50_s", m.tpotP50S(), 5);
        decimal(g, "tpot_p99_s", m.tpotP99S(), 5);
        decimal(g, "slo_attainment", m.sloAttainment(), 4);
        decimal(g, "mean_batch", m.meanBatch(), 2);
        g.writeEndObject();
    }

    private static void decimal(JsonGenerator g, String key, double value, int scale) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNullField(key);
        } else {
            g.writeNumberField(key, BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN));
        }
    }
}
