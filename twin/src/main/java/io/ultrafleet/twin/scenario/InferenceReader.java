package io.ultrafleet.twin.scenario;

import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ScenarioLimits;
import io.ultrafleet.spec.ShortList;
import io.ultrafleet.spec.UniqueNames;
import io.ultrafleet.twin.inference.ServiceProfile;
import io.ultrafleet.twin.inference.ServiceProfiles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code inference:} section: the flow step and the services. */
final class InferenceReader {
    static final List<String> KEYS = List.of("step", "services", "borrowMaxRun");
    static final List<String> SERVICE_KEYS = List.of(
            "name",
            "queue",
            "profiles",
            "minReplicas",
            "maxReplicas",
            "demand",
            "autoscaler",
            "maxQueueWait",
            "reserve");
    static final List<String> RESERVE_KEYS = List.of("replicas", "sites");
    static final List<String> DEMAND_KEYS =
            List.of("requestsPerSecond", "inputTokens", "outputTokens", "cachedInputShare", "arrivalCv");
    static final List<String> TOKENS_KEYS = List.of("mean", "cv");
    static final List<String> AUTOSCALER_KEYS = List.of("targetUtilisation", "sloTarget", "scaleUpDelay", "coolOff");

    /** The largest mean token count of a request or call. */
    static final double MAX_TOKENS = 10_000_000;

    /** The largest coefficient of variation. */
    static final double MAX_CV = 100;

    /** The lowest target utilisation of an autoscaler: below it, a pool of replicas would be mostly idle. */
    static final double MIN_UTILISATION = 0.01;

    /** The longest scale-up delay or cool-off: 30 days. */
    static final long MAX_AUTOSCALER_DELAY_MS = 30 * Durations.DAY_MS;

    /** The longest run of work that may borrow a reserve: 30 days. */
    static final long MAX_BORROW_RUN_MS = 30 * Durations.DAY_MS;

    private final Set<String> queues;
    private final Set<String> sites;
    private final long startMs;

    InferenceReader(Collection<String> queues, Collection<String> sites, long startMs) {
        this.queues = new LinkedHashSet<>(queues);
        this.sites = new LinkedHashSet<>(sites);
        this.startMs = startMs;
    }

    InferenceSpec read(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", KEYS), KEYS);
        long step = m.duration("step", Durations.MINUTE_MS, Durations.DAY_MS, InferenceSpec.NONE.stepMs());
        List<InferenceSpec.ServiceSpec> services = new ArrayList<>();
        UniqueNames names = new UniqueNames("service");
        for (FieldReader s : m.list("services", 1, "a list of services")) {
            services.add(service(s, names));
        }
        long borrow = m.duration("borrowMaxRun", 0, MAX_BORROW_RUN_MS, InferenceSpec.DEFAULT_BORROW_MAX_RUN_MS);
        return new InferenceSpec(step, services, borrow);
    }

    /** {@code reserve:}: {@code replicas} (a count, or {@code peak}) and optional {@code sites}. */
    private InferenceSpec.ReserveSpec reserve(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", RESERVE_KEYS), RESERVE_KEYS);
        String allowed = "peak, or an integer from 1 to " + ScenarioLimits.MAX_REPLICAS;
        FieldReader r = m.required("replicas", allowed);
        int replicas;
        if (r.isWord("peak")) {
            replicas = InferenceSpec.ReserveSpec.PEAK;
        } else {
            try {
                replicas = r.intIn(1, ScenarioLimits.MAX_REPLICAS);
            } catch (io.ultrafleet.spec.ScenarioException e) {
                throw r.fail(allowed);
            }
        }
        List<String> at = new ArrayList<>();
        String allowedSite = "one of the declared sites";
        for (FieldReader s : m.optionalList("sites", "a list of declared sites: " + ShortList.join(sites))) {
            String site = s.oneOf(allowedSite, sites);
            if (at.contains(site)) {
                throw s.fail("a site not listed before");
            }
            at.add(site);
        }
        return new InferenceSpec.ReserveSpec(replicas, at);
    }

    private InferenceSpec.ServiceSpec service(FieldReader f, UniqueNames names) {
        MappingReader m = f.mapping("a service mapping with " + String.join(", ", SERVICE_KEYS), SERVICE_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String allowedQueue = "one of the declared queues";
        String queue = m.required("queue", allowedQueue + ": " + ShortList.join(queues))
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
        int min = m.intIn("minReplicas", 0, ScenarioLimits.MAX_REPLICAS, 0);
        FieldReader maxField = m.required("maxReplicas", FieldReader.integerRange(1, ScenarioLimits.MAX_REPLICAS));
        int max = maxField.intIn(1, ScenarioLimits.MAX_REPLICAS);
        if (max < min) {
            throw maxField.fail("an integer >= minReplicas (" + min + ")");
        }
        InferenceSpec.DemandSpec demand =
                demand(m.required("demand", "a mapping with " + String.join(", ", DEMAND_KEYS)));
        InferenceSpec.AutoscalerSpec autoscaler =
                m.optional("autoscaler").map(InferenceReader::autoscaler).orElse(InferenceSpec.AutoscalerSpec.DEFAULT);
        long maxWait = m.duration("maxQueueWait", 0, Durations.DAY_MS, 0L);
        InferenceSpec.ReserveSpec reserve =
                m.optional("reserve").map(this::reserve).orElse(null);
        return new InferenceSpec.ServiceSpec(name, queue, profiles, min, max, demand, autoscaler, maxWait, reserve);
    }

    private InferenceSpec.DemandSpec demand(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", DEMAND_KEYS), DEMAND_KEYS);
        LoadCurveSpec rate = LoadCurveReader.read(m.required("requestsPerSecond", LoadCurveReader.ALLOWED), startMs);
        double[] in = tokens(m.required("inputTokens", "a mapping with mean and cv"));
        double[] out = tokens(m.required("outputTokens", "a mapping with mean and cv"));
        double cached = share(m, "cachedInputShare", 0);
        double arrivalCv = m.number("arrivalCv", 0, false, MAX_CV, 1.0);
        return new InferenceSpec.DemandSpec(rate, in[0], in[1], out[0], out[1], cached, arrivalCv);
    }

    private static double[] tokens(FieldReader f) {
        MappingReader m = f.mapping("a mapping with mean and cv", TOKENS_KEYS);
        double mean = m.number("mean", 0, true, MAX_TOKENS);
        double cv = m.number("cv", 0, false, MAX_CV, 1.0);
        return new double[] {mean, cv};
    }

    static double share(MappingReader m, String key, double otherwise) {
        if (!m.has(key)) {
            return otherwise;
        }
        return m.number(key, 0, false, 1);
    }

    private static InferenceSpec.AutoscalerSpec autoscaler(FieldReader f) {
        MappingReader m = f.mapping("a mapping with " + String.join(", ", AUTOSCALER_KEYS), AUTOSCALER_KEYS);
        InferenceSpec.AutoscalerSpec d = InferenceSpec.AutoscalerSpec.DEFAULT;
        double util = m.number("targetUtilisation", MIN_UTILISATION, false, 1, d.targetUtilisation());
        double slo = share(m, "sloTarget", 0);
        long up = m.duration("scaleUpDelay", 0, MAX_AUTOSCALER_DELAY_MS, d.scaleUpDelayMs());
        long cool = m.duration("coolOff", 0, MAX_AUTOSCALER_DELAY_MS, d.coolOffMs());
        return new InferenceSpec.AutoscalerSpec(util, slo, up, cool);
    }
}
