package io.ultrafleet.twin.scenario;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code agents:} section: kinds of agent sessions and RL rollout sandboxes. */
final class AgentsReader {
    static final List<String> KEYS = List.of("sessions", "rollouts");
    static final List<String> SESSION_KEYS = List.of(
            "name",
            "cpuPool",
            "service",
            "arrivals",
            "meanDuration",
            "patience",
            "vcpus",
            "memoryMib",
            "cpuBusyFraction",
            "llmCalls",
            "toolCalls",
            "inputTokensPerCall",
            "outputTokensPerCall",
            "cachedInputShare");
    static final List<String> ROLLOUT_KEYS = List.of("queue", "cpuPool", "vcpusPerGpu");

    private final List<String> queues;
    private final List<String> pools;
    private final List<String> services;
    private final long startMs;

    AgentsReader(List<String> queues, List<String> pools, List<String> services, long startMs) {
        this.queues = List.copyOf(queues);
        this.pools = List.copyOf(pools);
        this.services = List.copyOf(services);
        this.startMs = startMs;
    }

    AgentsSpec read(FieldReader f) {
        MappingReader m = f.mapping("a mapping with sessions and rollouts", KEYS);
        List<AgentsSpec.SessionSpec> sessions = new ArrayList<>();
        UniqueNames names = new UniqueNames("session kind");
        for (FieldReader s : m.optionalList("sessions", "a list of session kinds")) {
            sessions.add(session(s, names));
        }
        List<AgentsSpec.RolloutSpec> rollouts = new ArrayList<>();
        for (FieldReader r : m.optionalList("rollouts", "a list of rollouts with queue, cpuPool, vcpusPerGpu")) {
            MappingReader rm = r.mapping("a rollout mapping with queue, cpuPool and vcpusPerGpu", ROLLOUT_KEYS);
            rollouts.add(new AgentsSpec.RolloutSpec(
                    oneOf(rm, "queue", "one of the declared queues", queues),
                    oneOf(rm, "cpuPool", "one of the CPU pools", pools),
                    rm.required("vcpusPerGpu", "a number > 0").number(0, true)));
        }
        return new AgentsSpec(sessions, rollouts);
    }

    private AgentsSpec.SessionSpec session(FieldReader f, UniqueNames names) {
        MappingReader m = f.mapping("a session mapping with " + String.join(", ", SESSION_KEYS), SESSION_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String pool = oneOf(m, "cpuPool", "one of the CPU pools", pools);
        String service = m.has("service") ? oneOf(m, "service", "one of the inference services", services) : null;
        LoadCurveSpec arrivals = LoadCurveReader.read(m.required("arrivals", LoadCurveReader.ALLOWED), startMs);
        long duration = m.required("meanDuration", Durations.SYNTAX).duration(1000);
        long patience = m.optional("patience").map(x -> x.duration(1000)).orElse(10 * 60_000L);
        int vcpus = m.intAtLeast("vcpus", 1);
        long memoryMib =
                m.optional("memoryMib").map(x -> x.integer(1, Long.MAX_VALUE)).orElse(4096L);
        double busy = InferenceReader.share(m, "cpuBusyFraction", 0.3);
        double llm = m.optional("llmCalls").map(x -> x.number(0, false)).orElse(0.0);
        if (llm > 0 && service == null) {
            throw m.optional("llmCalls").orElseThrow().fail("0 when no service is named (add service: NAME)");
        }
        double tools = m.optional("toolCalls").map(x -> x.number(0, false)).orElse(0.0);
        double in =
                m.optional("inputTokensPerCall").map(x -> x.number(0, false)).orElse(0.0);
        double out =
                m.optional("outputTokensPerCall").map(x -> x.number(0, false)).orElse(0.0);
        if (llm > 0 && out <= 0) {
            throw m.required("outputTokensPerCall", "a number > 0 when llmCalls > 0")
                    .fail("a number > 0 when llmCalls > 0");
        }
        double cached = InferenceReader.share(m, "cachedInputShare", 0);
        return new AgentsSpec.SessionSpec(
                name, pool, service, arrivals, duration, patience, vcpus, memoryMib, busy, llm, tools, in, out, cached);
    }

    private static String oneOf(MappingReader m, String key, String what, List<String> choices) {
        return m.required(key, what + ": " + String.join(", ", choices)).oneOf(what, choices);
    }
}
