package io.ultrafleet.spec;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.time.Epoch;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the sections of a scenario file ({@code apiVersion: ultrafleet/v1}, described in {@code docs/scenario.md})
 * that every user of one needs: its name and times, priority classes, fleet, tenants and queues, training jobs and
 * generators, scheduler options and outputs, into a validated {@link ScenarioSpec}. The twin's sections (reliability,
 * inference, agents, contracts, overflow, energy) are left in the document for the twin's readers; a live server does
 * not run them. The first problem found is thrown as a {@link ScenarioException} naming the file, line, column and
 * field.
 */
public final class ScenarioReader {
    /** The only {@code apiVersion} this reader reads. */
    public static final String API_VERSION = "ultrafleet/v1";

    /** The priority classes of a scenario that declares none. */
    public static final List<PriorityClassSpec> DEFAULT_PRIORITY_CLASSES = List.of(
            new PriorityClassSpec("production", 1000),
            new PriorityClassSpec("training", 500),
            new PriorityClassSpec("research", 100),
            new PriorityClassSpec("best-effort", 0));

    /** The smallest time-series step. */
    public static final long MIN_TIME_SERIES_STEP_MS = Durations.MINUTE_MS;

    /** Every top-level key of the format, in the order the documentation gives them. */
    public static final List<String> TOP_KEYS = List.of(
            "apiVersion",
            "name",
            "description",
            "start",
            "horizon",
            "seed",
            "priorityClasses",
            "hardwareModels",
            "fleet",
            "tenants",
            "training",
            "scheduler",
            "reliability",
            "inference",
            "agents",
            "contracts",
            "overflow",
            "energy",
            "outputs",
            "executor");
    /** The twin's sections: left in the document for their own readers. */
    public static final List<String> TWIN_SECTIONS =
            List.of("reliability", "inference", "agents", "contracts", "overflow", "energy");

    public static final List<String> PRIORITY_CLASS_KEYS = List.of("name", "value");
    public static final List<String> TENANT_KEYS = List.of("name", "queues");
    public static final List<String> QUEUE_KEYS =
            List.of("name", "priorityClass", "quotaGpus", "quotas", "cohort", "weight");
    public static final List<String> OUTPUT_KEYS = List.of("timeSeriesStep");

    /** The largest fair-share weight of a queue. */
    public static final double MAX_WEIGHT = 1_000_000;

    /** Priority values are from minus this to this. */
    public static final int MAX_PRIORITY = 1_000_000_000;

    private static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String SCENARIO_NAME_SYNTAX =
            "a name of lower-case letters, digits and '-', starting with a letter or digit";

    private final HardwareCatalogue catalogue;

    /**
     * What was read: the common sections, the document with the names declared, for the other sections, and the
     * catalogue the scenario's models come from (the reader's, with the file's {@code hardwareModels}).
     */
    public record Read(
            ScenarioSpec spec,
            MappingReader document,
            Set<String> queueNames,
            Set<String> siteNames,
            HardwareCatalogue catalogue) {}

    /** @param catalogue the hardware models and host shapes that scenarios may name */
    public ScenarioReader(HardwareCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    public HardwareCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Parses a scenario with some fields set from outside it ({@link FieldOverride}), and validates its common
     * sections: a bad path or value is reported as the same field written in the file would be.
     *
     * @param sourceName what errors call the file: a path, or {@code builtin:NAME}
     * @throws ScenarioException at the first problem found
     */
    public Read read(String sourceName, Reader yaml, List<FieldOverride> overrides) throws ScenarioException {
        Node document = ScenarioOverrides.apply(sourceName, YamlNodes.compose(sourceName, yaml), overrides);
        FieldReader root = new FieldReader(sourceName, "", document);
        MappingReader m = root.mapping("a scenario mapping starting with 'apiVersion: " + API_VERSION + "'", TOP_KEYS);

        FieldReader apiVersion = m.required("apiVersion", API_VERSION);
        if (!API_VERSION.equals(apiVersion.text(API_VERSION))) {
            throw apiVersion.fail(API_VERSION);
        }
        FieldReader nameField = m.required("name", SCENARIO_NAME_SYNTAX);
        String name = nameField.text(SCENARIO_NAME_SYNTAX);
        if (!SCENARIO_NAME.matcher(name).matches()) {
            throw nameField.fail(SCENARIO_NAME_SYNTAX);
        }
        String description = m.optional("description").map(f -> f.text("text")).orElse("");
        long startMs = m.time("start");
        FieldReader horizonField = m.required("horizon", Times.SYNTAX);
        long endMs = horizonField.endTime();
        if (endMs <= startMs) {
            throw horizonField.fail("a time after start (" + Times.format(startMs) + ")");
        }
        if (endMs - startMs > ScenarioLimits.MAX_RUN_MS) {
            throw horizonField.fail("a time at most " + Durations.format(ScenarioLimits.MAX_RUN_MS) + " after start ("
                    + Times.format(startMs) + ")");
        }
        long seed = m.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1L);
        List<PriorityClassSpec> priorityClasses = priorityClasses(m);
        HardwareCatalogue models = HardwareModelsReader.extend(catalogue, m);
        FleetSpec fleet = new FleetReader(models)
                .read(m.required("fleet", "a mapping with " + String.join(", ", FleetReader.FLEET_KEYS)));
        Set<String> queueNames = new LinkedHashSet<>();
        Set<String> siteNames = new LinkedHashSet<>();
        fleet.providers().forEach(p -> p.regions().forEach(r -> r.sites().forEach(x -> siteNames.add(x.name()))));
        List<TenantSpec> tenants = tenants(m, priorityClasses, queueNames, siteNames, models);
        TrainingSpec training = m.optional("training")
                .map(f -> new TrainingReader(models, queueNames, startMs, endMs).read(f))
                .orElse(new TrainingSpec(List.of(), List.of()));
        List<String> classNames =
                priorityClasses.stream().map(PriorityClassSpec::name).toList();
        SchedulerSpec scheduler = m.optional("scheduler")
                .map(f -> SchedulerReader.read(f, classNames))
                .orElse(SchedulerSpec.DEFAULT);
        OutputSpec outputs = m.optional("outputs").map(ScenarioReader::outputs).orElse(OutputSpec.DEFAULT);
        ScenarioSpec spec = new ScenarioSpec(
                name,
                description,
                new Epoch(startMs),
                endMs,
                seed,
                priorityClasses,
                fleet,
                tenants,
                training,
                scheduler,
                outputs);
        return new Read(spec, m, Set.copyOf(queueNames), Set.copyOf(siteNames), models);
    }

    /** Reads a scenario's common sections from {@code yaml}, with no fields set from outside. */
    public Read read(String sourceName, Reader yaml) throws ScenarioException {
        return read(sourceName, yaml, List.of());
    }

    /**
     * Reads the scenario in {@code file} (UTF-8); errors call it by {@code file} as given.
     *
     * @throws ScenarioException at the first problem found
     * @throws IOException if the file cannot be read
     */
    public Read read(Path file) throws ScenarioException, IOException {
        return read(file.toString(), new StringReader(ScenarioText.read(file, file.toString())), List.of());
    }

    private static List<PriorityClassSpec> priorityClasses(MappingReader m) {
        if (!m.has("priorityClasses")) {
            return DEFAULT_PRIORITY_CLASSES;
        }
        List<PriorityClassSpec> out = new ArrayList<>();
        UniqueNames names = new UniqueNames("priority class");
        for (FieldReader f : m.list("priorityClasses", 1, "a list of priority classes with name and value")) {
            MappingReader pm = f.mapping("a priority class mapping with name and value", PRIORITY_CLASS_KEYS);
            String name = pm.name("name");
            names.add(name, pm.required("name", FieldReader.NAME_SYNTAX));
            int value = pm.intIn("value", -MAX_PRIORITY, MAX_PRIORITY);
            out.add(new PriorityClassSpec(name, value));
        }
        return out;
    }

    private List<TenantSpec> tenants(
            MappingReader m,
            List<PriorityClassSpec> priorityClasses,
            Set<String> queueNames,
            Set<String> siteNames,
            HardwareCatalogue catalogue) {
        Set<String> classNames = new LinkedHashSet<>();
        priorityClasses.forEach(c -> classNames.add(c.name()));
        List<TenantSpec> out = new ArrayList<>();
        UniqueNames tenantNames = new UniqueNames("tenant");
        for (FieldReader f : m.list("tenants", 1, "a list of tenants with name and queues")) {
            MappingReader tm = f.mapping("a tenant mapping with name and queues", TENANT_KEYS);
            String tenant = tm.name("name");
            tenantNames.add(tenant, tm.required("name", FieldReader.NAME_SYNTAX));
            List<TenantSpec.QueueSpec> queues = new ArrayList<>();
            UniqueNames queueNamesOfTenant = new UniqueNames("queue of tenant " + tenant);
            for (FieldReader q : tm.list("queues", 1, "a list of queues with name and priorityClass")) {
                if (queueNames.size() >= QueueBook.MAX_QUEUES) {
                    throw q.fail("at most " + QueueBook.MAX_QUEUES + " queues in a scenario, over all tenants");
                }
                MappingReader qm = q.mapping("a queue mapping with name, priorityClass and quotaGpus", QUEUE_KEYS);
                String queue = qm.name("name");
                queueNamesOfTenant.add(queue, qm.required("name", FieldReader.NAME_SYNTAX));
                queues.add(QueueReader.read(qm, queue, classNames, siteNames, catalogue));
                queueNames.add(tenant + "/" + queue);
            }
            out.add(new TenantSpec(tenant, queues));
        }
        return out;
    }

    private static OutputSpec outputs(FieldReader f) {
        MappingReader m = f.mapping("a mapping with timeSeriesStep", OUTPUT_KEYS);
        return m.optional("timeSeriesStep")
                .map(s -> new OutputSpec(s.duration(MIN_TIME_SERIES_STEP_MS, Durations.MAX_MS)))
                .orElse(OutputSpec.DEFAULT);
    }
}
