package io.ultrafleet.twin.scenario;

import io.ultrafleet.twin.inference.ServiceProfile;
import io.ultrafleet.twin.inference.ServiceProfiles;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code inference:} section: the flow step and the services. */
final class InferenceReader {
    static final List<String> KEYS = List.of("step", "services");
    static final List<String> SERVICE_KEYS =
            List.of("name", "queue", "profiles", "minReplicas", "maxReplicas", "demand", "autoscaler", "maxQueueWait");
    static final List<String> DEMAND_KEYS =
            List.of("requestsPerSecond", "inputTokens", "outputTokens", "cachedInputShare", "arrivalCv");
    static final List<String> TOKENS_KEYS = List.of("mean", "cv");
    static final List<String> AUTOSCALER_KEYS = List.of("targetUtilisation", "sloTarget", "scaleUpDelay", "coolOff");

    private final List<String> queues;
    private final long startMs;

    InferenceReader(List<String> queues, long startMs) {
        this.queues = List.copyOf(queues);
        this.startMs = startMs;
    }

    InferenceSpec read(FieldReader f) {
        MappingReader m = f.mapping("a mapping with step and services", KEYS);
        long step = m.optional("step").map(s -> s.duration(Durations.MINUTE_MS)).orElse(InferenceSpec.NONE.stepMs());
        List<InferenceSpec.ServiceSpec> services = new ArrayList<>();
        UniqueNames names = new UniqueNames("service");
        for (FieldReader s : m.list("services", 1, "a list of services")) {
            services.add(service(s, names));
        }
        return new InferenceSpec(step, services);
    }

    private InferenceSpec.ServiceSpec service(FieldReader f, UniqueNames names) {
        MappingReader m = f.mapping("a service mapping with " + String.join(", ", SERVICE_KEYS), SERVICE_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String allowedQueue = "one of the declared queues";
        String queue = m.required("queue", allowedQueue + ": " + String.join(", ", queues))
                .oneOf(allowedQueue, queues);
        List<String> profiles = new ArrayList<>();
        String allowedProfile = "a serving profile";
        int gpus = -1;
        for (FieldReader p :
                m.list("profiles", 1, "a list of serving profiles: " + String.join(", ", ServiceProfiles.names()))) {
            String profile = p.oneOf(allowedProfile, ServiceProfiles.names());
            ServiceProfile sp = ServiceProfiles.get(profile).orElseThrow();
            if (gpus >= 0 && sp.gpusPerReplica() != gpus) {
                throw p.fail("a profile with " + gpus + " GPUs per replica, like the first (one replica shape per"
                        + " service)");
            }
            gpus = sp.gpusPerReplica();
            if (profiles.contains(profile)) {
                throw p.fail("a profile not listed before");
            }
            profiles.add(profile);
        }
        int min = m.intAtLeast("minReplicas", 0, 0);
        FieldReader maxField = m.required("maxReplicas", "an integer >= 1");
        int max = maxField.intAtLeast(1);
        if (max < min) {
            throw maxField.fail("an integer >= minReplicas (" + min + ")");
        }
        InferenceSpec.DemandSpec demand =
                demand(m.required("demand", "a mapping with " + String.join(", ", DEMAND_KEYS)));
        InferenceSpec.AutoscalerSpec autoscaler =
                m.optional("autoscaler").map(InferenceReader::autoscaler).orElse(InferenceSpec.AutoscalerSpec.DEFAULT);
        long maxWait = m.optional("maxQueueWait").map(w -> w.duration(0)).orElse(0L);
        return new InferenceSpec.ServiceSpec(name, queue, profiles, min, max, demand, autoscaler, maxWait);
    }

    private InferenceSpec.DemandSpec demand(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", DEMAND_KEYS), DEMAND_KEYS);
        LoadCurveSpec rate = LoadCurveReader.read(m.required("requestsPerSecond", LoadCurveReader.ALLOWED), startMs);
        double[] in = tokens(m.required("inputTokens", "a mapping with mean and cv"));
        double[] out = tokens(m.required("outputTokens", "a mapping with mean and cv"));
        double cached = share(m, "cachedInputShare", 0);
        double arrivalCv = m.optional("arrivalCv").map(x -> x.number(0, false)).orElse(1.0);
        return new InferenceSpec.DemandSpec(rate, in[0], in[1], out[0], out[1], cached, arrivalCv);
    }

    private static double[] tokens(FieldReader f) {
        MappingReader m = f.mapping("a mapping with mean and cv", TOKENS_KEYS);
        double mean = m.required("mean", "a number > 0").number(0, true);
        double cv = m.optional("cv").map(x -> x.number(0, false)).orElse(1.0);
        return new double[] {mean, cv};
    }

    static double share(MappingReader m, String key, double otherwise) {
        if (!m.has(key)) {
            return otherwise;
        }
        FieldReader f = m.optional(key).orElseThrow();
        double v = f.number(0, false);
        if (v > 1) {
            throw f.fail("a number from 0 to 1");
        }
        return v;
    }

    private static InferenceSpec.AutoscalerSpec autoscaler(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", AUTOSCALER_KEYS), AUTOSCALER_KEYS);
        InferenceSpec.AutoscalerSpec d = InferenceSpec.AutoscalerSpec.DEFAULT;
        double util = d.targetUtilisation();
        if (m.has("targetUtilisation")) {
            FieldReader u = m.optional("targetUtilisation").orElseThrow();
            util = u.number(0, true);
            if (util > 1) {
                throw u.fail("a number > 0 and at most 1");
            }
        }
        double slo = share(m, "sloTarget", 0);
        long up = m.optional("scaleUpDelay").map(x -> x.duration(0)).orElse(d.scaleUpDelayMs());
        long cool = m.optional("coolOff").map(x -> x.duration(0)).orElse(d.coolOffMs());
        return new InferenceSpec.AutoscalerSpec(util, slo, up, cool);
    }
}
