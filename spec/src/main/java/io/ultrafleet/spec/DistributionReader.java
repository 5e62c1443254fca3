package io.ultrafleet.spec;

import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@link DistributionSpec}: a bare value (a fixed one) or a mapping with {@code dist:} and that kind's
 * parameters. Counts are plain numbers; durations are duration strings with a unit, kept in milliseconds.
 */
public final class DistributionReader {
    public static final List<String> KINDS = List.of("fixed", "choice", "uniform", "lognormal", "exponential");

    /** What a distribution draws. */
    public enum Quantity {
        /** A count, such as GPUs per job: every value it can take is at least 1. */
        COUNT,
        /** A duration in milliseconds: every value it can take is longer than 0. */
        DURATION
    }

    /** The largest count a distribution may name: the most GPUs of a job. */
    public static final double MAX_COUNT = ScenarioLimits.MAX_GPUS_PER_JOB;

    /** The largest {@code sigma} of a log-normal distribution. */
    public static final double MAX_SIGMA = 10;

    /** The largest weight of a choice. */
    public static final double MAX_WEIGHT = 1e9;

    private DistributionReader() {}

    /** The distribution written at {@code f}. */
    public static DistributionSpec read(FieldReader f, Quantity q) {
        if (f.node() instanceof MappingNode map) {
            return readMapping(f, YamlNodes.entries(f.source(), f.path(), map), q);
        }
        if (!(f.node() instanceof ScalarNode)) {
            throw f.fail(valueSyntax(q) + ", or a mapping with dist: one of " + String.join(", ", KINDS));
        }
        return new DistributionSpec.Fixed(value(f, q));
    }

    private static DistributionSpec readMapping(FieldReader f, List<YamlNodes.Entry> entries, Quantity q) {
        YamlNodes.Entry distEntry =
                entries.stream().filter(e -> e.key().equals("dist")).findFirst().orElse(null);
        String kindsAllowed = "one of: " + String.join(", ", KINDS);
        if (distEntry == null) {
            // Report unknown keys against every key some kind allows, then the missing dist.
            new MappingReader(
                    f, entries, List.of("dist", "value", "values", "weights", "min", "max", "median", "sigma", "mean"));
            throw new FieldReader(f.source(), f.childPath("dist"), f.node())
                    .fail("nothing (the field is required)", kindsAllowed);
        }
        String kind = new FieldReader(f.source(), f.childPath("dist"), distEntry.value()).oneOf("one of", KINDS);
        return switch (kind) {
            case "fixed" -> {
                MappingReader m = new MappingReader(f, entries, List.of("dist", "value"));
                yield new DistributionSpec.Fixed(value(m.required("value", valueSyntax(q)), q));
            }
            case "choice" -> choice(new MappingReader(f, entries, List.of("dist", "values", "weights")), q);
            case "uniform" -> {
                MappingReader m = new MappingReader(f, entries, List.of("dist", "min", "max"));
                double min = value(m.required("min", valueSyntax(q)), q);
                FieldReader maxField = m.required("max", valueSyntax(q));
                double max = value(maxField, q);
                checkOrder(maxField, min, max, q);
                yield new DistributionSpec.Uniform(min, max);
            }
            case "lognormal" -> {
                MappingReader m = new MappingReader(f, entries, List.of("dist", "median", "sigma", "min", "max"));
                double median = positive(m.required("median", positiveSyntax(q)), q);
                double sigma = m.number("sigma", 0, false, MAX_SIGMA);
                double[] bounds = bounds(m, q);
                yield new DistributionSpec.LogNormal(median, sigma, bounds[0], bounds[1]);
            }
            case "exponential" -> {
                MappingReader m = new MappingReader(f, entries, List.of("dist", "mean", "min", "max"));
                double mean = positive(m.required("mean", positiveSyntax(q)), q);
                double[] bounds = bounds(m, q);
                yield new DistributionSpec.Exponential(mean, bounds[0], bounds[1]);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static DistributionSpec choice(MappingReader m, Quantity q) {
        List<FieldReader> valueFields = m.list("values", 1, "a list of " + plural(q));
        double[] values = new double[valueFields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(valueFields.get(i), q);
        }
        double[] weights = new double[values.length];
        Arrays.fill(weights, 1.0);
        if (m.has("weights")) {
            FieldReader wf = m.optional("weights").orElseThrow();
            String allowed = "a list of " + values.length + " weights from 0 to " + FieldReader.plain(MAX_WEIGHT)
                    + ", one per value";
            List<FieldReader> weightFields = wf.list(0, allowed);
            if (weightFields.size() != values.length) {
                throw wf.fail("a list of " + weightFields.size(), allowed);
            }
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weightFields.get(i).number(0, false, MAX_WEIGHT);
                sum += weights[i];
            }
            if (sum <= 0) {
                throw wf.fail("weights that sum to 0", "weights with a sum > 0");
            }
        }
        return new DistributionSpec.Choice(values, weights);
    }

    /**
     * Optional clamp bounds {@code min} (default 0) and {@code max} (default the largest value the quantity may take,
     * so that no draw is beyond what a field may be), in order.
     */
    private static double[] bounds(MappingReader m, Quantity q) {
        double min = m.optional("min").map(f -> bound(f, q)).orElse(0.0);
        double max = q == Quantity.COUNT ? MAX_COUNT : Durations.MAX_MS;
        if (m.has("max")) {
            FieldReader maxField = m.optional("max").orElseThrow();
            max = bound(maxField, q);
            checkOrder(maxField, min, max, q);
        }
        return new double[] {min, max};
    }

    private static void checkOrder(FieldReader maxField, double min, double max, Quantity q) {
        if (max < min) {
            String shown = q == Quantity.DURATION ? Durations.format((long) min) : FieldReader.plain(min);
            throw maxField.fail(
                    q == Quantity.DURATION
                            ? "a duration no shorter than min (" + shown + ")"
                            : "a number >= min (" + shown + ")");
        }
    }

    /** A value the quantity can take: a count of at least 1, or a duration longer than 0. */
    private static double value(FieldReader f, Quantity q) {
        return q == Quantity.COUNT ? f.number(1, false, MAX_COUNT) : f.duration(1, Durations.MAX_MS);
    }

    /** A clamp bound: a count or duration of at least 0. */
    private static double bound(FieldReader f, Quantity q) {
        return q == Quantity.COUNT ? f.number(0, false, MAX_COUNT) : f.duration(0, Durations.MAX_MS);
    }

    /** A median or mean: greater than 0. */
    private static double positive(FieldReader f, Quantity q) {
        return q == Quantity.COUNT ? f.number(0, true, MAX_COUNT) : f.duration(1, Durations.MAX_MS);
    }

    private static String valueSyntax(Quantity q) {
        return q == Quantity.COUNT ? FieldReader.numberRange(1, false, MAX_COUNT) : Durations.SYNTAX;
    }

    private static String positiveSyntax(Quantity q) {
        return q == Quantity.COUNT ? FieldReader.numberRange(0, true, MAX_COUNT) : Durations.SYNTAX;
    }

    private static String plural(Quantity q) {
        return q == Quantity.COUNT
                ? "numbers from 1 to " + FieldReader.plain(MAX_COUNT)
                : "durations like 90m, 6h, 30d";
    }
}
