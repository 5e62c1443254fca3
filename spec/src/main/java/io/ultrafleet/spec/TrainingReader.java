package io.ultrafleet.spec;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ArrivalSpec.RateStep;
import io.ultrafleet.spec.DistributionReader.Quantity;
import io.ultrafleet.spec.TrainingSpec.GeneratorSpec;
import io.ultrafleet.spec.TrainingSpec.JobSpec;
import io.ultrafleet.workload.TopologyLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Reads the {@code training:} section: job generators and explicit jobs. */
public final class TrainingReader {
    public static final List<String> TRAINING_KEYS = List.of("generators", "jobs");
    public static final List<String> GENERATOR_KEYS = List.of(
            "name",
            "queue",
            "arrivals",
            "gpus",
            "duration",
            "topology",
            "models",
            "checkpointInterval",
            "estimateFactor",
            "checkpointStall",
            "restartOverhead",
            "minGpusFraction");
    public static final List<String> JOB_KEYS = List.of(
            "name",
            "queue",
            "submit",
            "gpus",
            "duration",
            "topology",
            "models",
            "checkpointInterval",
            "estimateFactor",
            "checkpointStall",
            "restartOverhead",
            "minGpus");
    /** The fields of a job submitted to a live server: a scenario job's without {@code submit}, and what it runs. */
    public static final List<String> SUBMISSION_KEYS = submissionKeys();

    public static final List<String> ARRIVAL_KEYS = List.of("perDay", "from", "rates", "until", "maxJobs");
    public static final List<String> RATE_KEYS = List.of("from", "perDay");
    public static final List<String> TOPOLOGY_KEYS = List.of("required", "preferred");

    /** The shortest fixed checkpoint interval: a second. */
    public static final long MIN_CHECKPOINT_MS = Durations.SECOND_MS;

    /** The longest checkpoint stall or restart overhead: 30 days. */
    public static final long MAX_OVERHEAD_MS = 30 * Durations.DAY_MS;

    private static List<String> submissionKeys() {
        List<String> keys = new ArrayList<>(JOB_KEYS);
        keys.remove("submit");
        keys.add("command");
        keys.add("env");
        return List.copyOf(keys);
    }

    private final HardwareCatalogue catalogue;
    private final Set<String> queues;
    private final long startMs;
    private final long endMs;

    /**
     * @param queues the declared queues, as {@code tenant/queue}
     * @param startMs the scenario start
     * @param endMs the scenario horizon
     */
    public TrainingReader(HardwareCatalogue catalogue, Collection<String> queues, long startMs, long endMs) {
        this.catalogue = catalogue;
        this.queues = new LinkedHashSet<>(queues);
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** The training work written at {@code f}. */
    public TrainingSpec read(FieldReader f) {
        MappingReader m = f.mapping("a mapping with generators and jobs", TRAINING_KEYS);
        List<GeneratorSpec> generators = new ArrayList<>();
        UniqueNames generatorNames = new UniqueNames("generator");
        for (FieldReader g : m.optionalList("generators", "a list of generators")) {
            generators.add(generator(g, generatorNames));
        }
        List<JobSpec> jobs = new ArrayList<>();
        UniqueNames jobNames = new UniqueNames("job");
        for (FieldReader j : m.optionalList("jobs", "a list of jobs")) {
            jobs.add(job(j, jobNames));
        }
        return new TrainingSpec(generators, jobs);
    }

    private GeneratorSpec generator(FieldReader f, UniqueNames names) {
        MappingReader m = f.mapping("a generator mapping with " + String.join(", ", GENERATOR_KEYS), GENERATOR_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String queue = queue(m);
        ArrivalSpec arrivals = arrivals(m.required("arrivals", "a mapping with perDay or rates"));
        String gpusAllowed = "a number from 1 to " + ScenarioLimits.MAX_GPUS_PER_JOB
                + ", or a mapping with dist: one of " + String.join(", ", DistributionReader.KINDS);
        DistributionSpec gpus = DistributionReader.read(m.required("gpus", gpusAllowed), Quantity.COUNT);
        String durationAllowed =
                Durations.SYNTAX + ", or a mapping with dist: one of " + String.join(", ", DistributionReader.KINDS);
        DistributionSpec duration = DistributionReader.read(m.required("duration", durationAllowed), Quantity.DURATION);
        TrainingSpec.RecoverySpec recovery = recovery(m);
        if (m.has("minGpusFraction")) {
            recovery = recovery.withElasticMin(m.number("minGpusFraction", 0, true, 1));
        }
        return new GeneratorSpec(name, queue, arrivals, gpus, duration, topology(m), models(m, true), recovery);
    }

    private JobSpec job(FieldReader f, UniqueNames names) {
        MappingReader m = f.mapping("a job mapping with " + String.join(", ", JOB_KEYS), JOB_KEYS);
        String name = m.name("name");
        names.add(name, m.required("name", FieldReader.NAME_SYNTAX));
        String queue = queue(m);
        FieldReader submitField = m.required("submit", Times.SYNTAX);
        long submit = submitField.time();
        if (submit < startMs || submit >= endMs) {
            throw submitField.fail("a time from start (" + Times.format(startMs) + ") to before the horizon ("
                    + Times.format(endMs) + ")");
        }
        return jobFields(m, name, queue, submit, true);
    }

    /**
     * A job submitted to a live server, written as a scenario's job without {@code submit} (the server stamps it with
     * {@code submitMs}, its clock) and with an optional {@code name}, {@code command} and {@code env}.
     */
    public JobSubmission submission(FieldReader f, long submitMs) {
        return submission(f, submitMs, true);
    }

    /**
     * A job a server took and stored, read back from its stored body: read as {@link #submission}, less the rules on
     * what a run can carry (a blank program, a NUL character, a variable the executor sets), which came after the first
     * servers stored jobs. A job stored before a rule was added still loads, and runs as it always would have; new
     * submissions meet every rule. A rule added to what a submission may hold belongs with these.
     */
    public JobSubmission storedSubmission(FieldReader f, long submitMs) {
        return submission(f, submitMs, false);
    }

    private JobSubmission submission(FieldReader f, long submitMs, boolean fresh) {
        MappingReader m = f.mapping("a job mapping with " + String.join(", ", SUBMISSION_KEYS), SUBMISSION_KEYS);
        String name = m.has("name") ? m.name("name") : null;
        if (name != null && name.length() > JobSubmission.MAX_NAME) {
            throw m.required("name", "").fail("a name of at most " + JobSubmission.MAX_NAME + " characters");
        }
        String queue = queue(m);
        JobSpec job = jobFields(m, name, queue, submitMs, fresh);
        List<String> command = new ArrayList<>();
        for (FieldReader c : m.optionalList("command", "a list of strings (the program and its arguments)")) {
            if (command.size() == JobSubmission.MAX_ARGS) {
                throw c.fail("a command of at most " + JobSubmission.MAX_ARGS + " words");
            }
            String word = c.text("a string");
            if (fresh && command.isEmpty() && word.isBlank()) {
                throw c.fail("the program to run first (a word that is not blank)");
            }
            if (word.length() > JobSubmission.MAX_WORD) {
                throw c.fail("a string of at most " + JobSubmission.MAX_WORD + " characters", "a shorter word");
            }
            if (fresh && word.indexOf('\0') >= 0) {
                throw c.fail("a string with a NUL character", JobSubmission.NO_NUL);
            }
            command.add(word);
        }
        if (fresh && command.isEmpty() && m.has("command")) {
            // an empty list is most likely a command that a template failed to fill in: not taken for "none"
            throw m.optional("command").orElseThrow().fail("the program to run first, or no 'command' at all");
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (m.has("env")) {
            FieldReader e = m.optional("env").orElseThrow();
            if (!(e.node() instanceof MappingNode map)) {
                throw e.fail("a mapping of variable names to strings");
            }
            for (YamlNodes.Entry entry : YamlNodes.entries(e.source(), e.path(), map)) {
                FieldReader value = new FieldReader(e.source(), e.childPath(entry.key()), entry.value());
                if (!JobSubmission.ENV_NAME.matcher(entry.key()).matches()) {
                    throw value.fail("variable '" + entry.key() + "'", JobSubmission.ENV_NAME_SYNTAX);
                }
                if (fresh && JobSubmission.SET_BY_SERVER.contains(entry.key())) {
                    throw value.fail(
                            "variable '" + entry.key() + "', which the server sets for every run",
                            "any other name (" + String.join(", ", JobSubmission.SET_BY_SERVER) + " are the server's)");
                }
                if (env.size() == JobSubmission.MAX_ENV) {
                    throw value.fail("more than " + JobSubmission.MAX_ENV + " variables", "at most that many");
                }
                String v = value.text("a string");
                if (v.length() > JobSubmission.MAX_WORD) {
                    throw value.fail("a string of " + v.length() + " characters", "at most " + JobSubmission.MAX_WORD);
                }
                if (fresh && v.indexOf('\0') >= 0) {
                    throw value.fail("a string with a NUL character", JobSubmission.NO_NUL);
                }
                env.put(entry.key(), v);
            }
        }
        return new JobSubmission(job, command, env);
    }

    /** The fields of a job; {@code fresh} for one given now, not read back as stored (see {@link #submission}). */
    private JobSpec jobFields(MappingReader m, String name, String queue, long submit, boolean fresh) {
        int gpus = m.intIn("gpus", 1, ScenarioLimits.MAX_GPUS_PER_JOB);
        long duration = m.duration("duration", 1, Durations.MAX_MS);
        TrainingSpec.RecoverySpec recovery = recovery(m);
        if (m.has("minGpus")) {
            long min = m.optional("minGpus").orElseThrow().integer(1, gpus);
            recovery = recovery.withElasticMin(min);
        }
        return new JobSpec(name, queue, submit, gpus, duration, topology(m), models(m, fresh), recovery);
    }

    private ArrivalSpec arrivals(FieldReader f) {
        MappingReader m = f.mapping("a mapping with perDay or rates", ARRIVAL_KEYS);
        List<RateStep> rates = new ArrayList<>();
        if (m.has("rates")) {
            if (m.has("perDay")) {
                throw m.optional("perDay")
                        .orElseThrow()
                        .fail("nothing here when rates is given (write either perDay or rates)");
            }
            if (m.has("from")) {
                throw m.optional("from")
                        .orElseThrow()
                        .fail("nothing here when rates is given (each rate step has its own from)");
            }
            FieldReader previous = null;
            for (FieldReader s : m.list("rates", 1, "a list of rate steps with from and perDay")) {
                MappingReader sm = s.mapping("a rate step mapping with from and perDay", RATE_KEYS);
                FieldReader fromField = sm.required("from", Times.SYNTAX);
                long from = fromField.time();
                if (previous != null && from <= rates.get(rates.size() - 1).fromMs()) {
                    throw fromField.fail("a time after " + previous.path() + " ("
                            + Times.format(rates.get(rates.size() - 1).fromMs()) + ")");
                }
                double perDay = sm.number("perDay", 0, false, ScenarioLimits.MAX_JOBS_PER_DAY);
                rates.add(new RateStep(from, perDay));
                previous = fromField;
            }
        } else {
            String allowed = FieldReader.numberRange(0, true, ScenarioLimits.MAX_JOBS_PER_DAY);
            double perDay = m.required("perDay", allowed + " (or rates: a list of {from, perDay})")
                    .number(0, true, ScenarioLimits.MAX_JOBS_PER_DAY);
            rates.add(new RateStep(m.time("from", startMs), perDay));
        }
        long until = endMs;
        if (m.has("until")) {
            FieldReader untilField = m.optional("until").orElseThrow();
            until = untilField.time();
            if (until <= rates.get(0).fromMs()) {
                throw untilField.fail("a time after the first arrival time ("
                        + Times.format(rates.get(0).fromMs()) + ")");
            }
        }
        long maxJobs = m.integer("maxJobs", 1, ScenarioLimits.MAX_JOBS, -1L);
        return new ArrivalSpec(rates, until, maxJobs);
    }

    private static TrainingSpec.RecoverySpec recovery(MappingReader m) {
        TrainingSpec.RecoverySpec d = TrainingSpec.RecoverySpec.DEFAULT;
        CheckpointPolicy policy = d.checkpoint();
        if (m.has("checkpointInterval")) {
            FieldReader f = m.optional("checkpointInterval").orElseThrow();
            String text = f.text(Durations.SYNTAX + ", young or daly");
            policy = switch (text) {
                case "young" -> new CheckpointPolicy.Young();
                case "daly" -> new CheckpointPolicy.Daly();
                default -> new CheckpointPolicy.Fixed(f.duration(MIN_CHECKPOINT_MS, Durations.MAX_MS));
            };
        }
        double factor = m.number("estimateFactor", 0, true, 1000, d.estimateFactor());
        long stall = m.duration("checkpointStall", 0, MAX_OVERHEAD_MS, 0L);
        long restart = m.duration("restartOverhead", 0, MAX_OVERHEAD_MS, 0L);
        return new TrainingSpec.RecoverySpec(policy, factor, 0, stall, restart);
    }

    private String queue(MappingReader m) {
        String allowed = "one of the declared queues";
        return m.required("queue", allowed + ": " + ShortList.join(queues)).oneOf(allowed, queues);
    }

    private static TopologySpec topology(MappingReader parent) {
        if (!parent.has("topology")) {
            return TopologySpec.DEFAULT;
        }
        MappingReader m = parent.optional("topology")
                .orElseThrow()
                .mapping("a mapping with required and preferred", TOPOLOGY_KEYS);
        List<String> levels = new ArrayList<>();
        for (TopologyLevel l : TopologyLevel.values()) {
            levels.add(l.yamlName());
        }
        TopologyLevel required =
                m.optional("required").map(f -> level(f, levels)).orElse(TopologySpec.DEFAULT.required());
        TopologyLevel preferred = TopologySpec.DEFAULT.preferred();
        if (m.has("preferred")) {
            FieldReader pf = m.optional("preferred").orElseThrow();
            preferred = level(pf, levels);
            if (preferred.compareTo(required) > 0) {
                throw pf.fail("one of: " + String.join(", ", levels.subList(0, required.ordinal() + 1))
                        + " (no looser than required: " + required.yamlName() + ")");
            }
        }
        return new TopologySpec(required, preferred);
    }

    private static TopologyLevel level(FieldReader f, List<String> levels) {
        return TopologyLevel.values()[levels.indexOf(f.oneOf("one of", levels))];
    }

    /** The models a job or generator allows; a model given twice is refused when {@code fresh}. */
    private List<String> models(MappingReader m, boolean fresh) {
        String allowed = "one of the catalogue's models";
        List<String> out = new ArrayList<>();
        for (FieldReader f : m.optionalList("models", "a list of models (" + allowed + ")")) {
            String model = f.oneOf(allowed, catalogue.modelNames());
            if (fresh && out.contains(model)) {
                throw f.fail(model + " a second time", "each model once");
            }
            out.add(model);
        }
        return out;
    }
}
