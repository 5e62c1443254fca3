package io.ultrafleet.twin.output;

import static io.ultrafleet.twin.output.SummaryJson.decimal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ultrafleet.twin.agents.AgentStats;
import io.ultrafleet.twin.serving.ServiceStats;
import io.ultrafleet.twin.serving.ServingResult;
import java.io.IOException;
import java.util.Map;

/** Writes the {@code inference} and {@code agents} sections of {@code summary.json} (docs/summary.md). */
final class ServingJson {
    private ServingJson() {}

    static void write(JsonGenerator g, ServingResult r) throws IOException {
        if (!r.services().isEmpty()) {
            inference(g, r);
        }
        if (r.hasAgents()) {
            agents(g, r.agents());
        }
    }

    private static void inference(JsonGenerator g, ServingResult r) throws IOException {
        double tokens = 0;
        double output = 0;
        double served = 0;
        double shed = 0;
        double met = 0;
        double gpuHours = 0;
        for (ServiceStats s : r.services()) {
            tokens += s.inputTokens() + s.outputTokens();
            output += s.outputTokens();
            served += s.requestsServed();
            shed += s.requestsShed();
            met += s.sloMetRequests();
            gpuHours += s.gpuHours();
        }
        g.writeObjectFieldStart("inference");
        decimal(g, "tokens_served", tokens, 0);
        decimal(g, "output_tokens_served", output, 0);
        decimal(g, "requests_served", served, 0);
        decimal(g, "requests_shed", shed, 0);
        decimal(g, "slo_attainment", served + shed > 0 ? met / (served + shed) : 1, 4);
        decimal(g, "gpu_hours", gpuHours, 1);
        g.writeArrayFieldStart("services");
        for (ServiceStats s : r.services()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            decimal(g, "slo_attainment", s.sloAttainment(), 4);
            decimal(g, "tokens_served", s.inputTokens() + s.outputTokens(), 0);
            decimal(g, "output_tokens_served", s.outputTokens(), 0);
            decimal(g, "requests_arrived", s.requestsArrived(), 0);
            decimal(g, "requests_served", s.requestsServed(), 0);
            decimal(g, "requests_shed", s.requestsShed(), 0);
            decimal(g, "gpu_hours", s.gpuHours(), 1);
            g.writeNumberField("replicas_max", s.replicasMax());
            decimal(g, "replicas_mean", s.replicasMean(), 1);
            decimal(g, "utilisation_mean", s.utilisationMean(), 4);
            decimal(g, "e2e_p50_s", s.e2eP50S(), 3);
            decimal(g, "e2e_p99_s", s.e2eP99S(), 3);
            decimal(g, "ttft_p99_s", s.ttftP99S(), 3);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void agents(JsonGenerator g, AgentStats a) throws IOException {
        double arrived = 0;
        double admitted = 0;
        double abandoned = 0;
        double vcpuHours = 0;
        double busy = 0;
        double waitingHours = 0;
        double llm = 0;
        double tools = 0;
        for (AgentStats.KindTotals t : a.byKind().values()) {
            arrived += t.arrived();
            admitted += t.admitted();
            abandoned += t.abandoned();
            vcpuHours += t.vcpuHours();
            busy += t.busyVcpuHours();
            waitingHours += t.waitingSessionHours();
            llm += t.llmCalls();
            tools += t.toolCalls();
        }
        g.writeObjectFieldStart("agents");
        decimal(g, "sessions", admitted, 0);
        decimal(g, "sessions_arrived", arrived, 0);
        decimal(g, "sessions_abandoned", abandoned, 0);
        decimal(g, "vcpu_hours", vcpuHours, 1);
        decimal(g, "busy_vcpu_hours", busy, 1);
        decimal(g, "peak_sandboxes", a.peakSandboxes(), 0);
        decimal(g, "peak_sessions_waiting", a.peakWaiting(), 0);
        decimal(
                g,
                "admission_wait_hours_mean",
                admitted + abandoned > 0 ? waitingHours / (admitted + abandoned) : 0,
                4);
        decimal(g, "llm_calls", llm, 0);
        decimal(g, "tool_calls", tools, 0);
        decimal(g, "rollout_vcpu_hours", a.rolloutVcpuHours(), 1);
        decimal(g, "rollout_peak_vcpus", a.rolloutPeakVcpus(), 0);
        g.writeArrayFieldStart("kinds");
        for (Map.Entry<String, AgentStats.KindTotals> e : a.byKind().entrySet()) {
            AgentStats.KindTotals t = e.getValue();
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            decimal(g, "sessions", t.admitted(), 0);
            decimal(g, "sessions_abandoned", t.abandoned(), 0);
            decimal(g, "vcpu_hours", t.vcpuHours(), 1);
            decimal(g, "admission_wait_hours_mean", t.admissionWaitHoursMean(), 4);
            decimal(g, "llm_calls", t.llmCalls(), 0);
            decimal(g, "input_tokens", t.inputTokens(), 0);
            decimal(g, "output_tokens", t.outputTokens(), 0);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
