package io.ultrafleet.twin.scenario;

import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ShortList;
import io.ultrafleet.spec.UniqueNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /** The longest mean session or patience: 30 days. */
    static final long MAX_SESSION_MS = 30 * Durations.DAY_MS;

    /** The most vCPUs of one sandbox. */
    static final int MAX_SANDBOX_VCPUS = 1_024;

    /** The most memory of one sandbox: 16 TiB. */
    static final long MAX_SANDBOX_MIB = 16L << 20;

    /** The most LLM or tool calls of one session. */
    static final double MAX_CALLS = 1_000_000;

    /** The most rollout vCPUs per GPU. */
    static final double MAX_VCPUS_PER_GPU = 1_000;

    private final Set<String> queues;
    private final Set<String> pools;
    private final Set<String> services;
    private final long startMs;

    AgentsReader(Collection<String> queues, Collection<String> pools, Collection<String> services, long startMs) {
        this.queues = new LinkedHashSet<>(queues);
        this.pools = new LinkedHashSet<>(pools);
        this.services = new LinkedHashSet<>(services);
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
                    rm.number("vcpusPerGpu", 0, true, MAX_VCPUS_PER_GPU)));
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
        long duration = m.duration("meanDuration", Durations.SECOND_MS, MAX_SESSION_MS);
        long patience = m.duration("patience", Durations.SECOND_MS, MAX_SESSION_MS, 10 * 60_000L);
        int vcpus = m.intIn("vcpus", 1, MAX_SANDBOX_VCPUS);
        long memoryMib = m.integer("memoryMib", 1, MAX_SANDBOX_MIB, 4096L);
        double busy = InferenceReader.share(m, "cpuBusyFraction", 0.3);
        double llm = m.number("llmCalls", 0, false, MAX_CALLS, 0.0);
        if (llm > 0 && service == null) {
            throw m.optional("llmCalls").orElseThrow().fail("0 when no service is named (add service: NAME)");
        }
        double tools = m.number("toolCalls", 0, false, MAX_CALLS, 0.0);
        double in = m.number("inputTokensPerCall", 0, false, InferenceReader.MAX_TOKENS, 0.0);
        double out = m.number("outputTokensPerCall", 0, false, InferenceReader.MAX_TOKENS, 0.0);
        if (llm > 0 && out <= 0) {
            throw m.required("outputTokensPerCall", "a number > 0 when llmCalls > 0")
                    .fail("a number > 0 when llmCalls > 0");
        }
        double cached = InferenceReader.share(m, "cachedInputShare", 0);
        return new AgentsSpec.SessionSpec(
                name, pool, service, arrivals, duration, patience, vcpus, memoryMib, busy, llm, tools, in, out, cached);
    }

    private static String oneOf(MappingReader m, String key, String what, Set<String> choices) {
        return m.required(key, what + ": " + ShortList.join(choices)).oneOf(what, choices);
    }
}
