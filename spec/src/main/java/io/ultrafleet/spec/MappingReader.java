package io.ultrafleet.spec;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping in a scenario document whose keys have been checked: each written once and each known. Reads its fields
 * by name; a required field that is missing or null is an error at the mapping.
 */
public final class MappingReader {
    /** An unknown key's message lists this many of the allowed keys: all of a section's, a few of many names. */
    private static final int MAX_KEYS_SHOWN = 24;

    private final FieldReader self;
    private final Map<String, YamlNodes.Entry> entries = new LinkedHashMap<>();

    public MappingReader(FieldReader self, List<YamlNodes.Entry> entries, Collection<String> allowedKeys) {
        this.self = self;
        Collection<String> allowed = allowedKeys.size() > 16 ? new HashSet<>(allowedKeys) : allowedKeys;
        for (YamlNodes.Entry e : entries) {
            if (!allowed.contains(e.key())) {
                String path = self.childPath(e.key());
                throw new ScenarioException(
                        self.source(),
                        YamlNodes.line(e.keyNode().getStartMark()),
                        YamlNodes.column(e.keyNode().getStartMark()),
                        path,
                        "unknown field '" + path + "'" + DidYouMean.hint(e.key(), allowedKeys) + "; allowed: "
                                + ShortList.join(allowedKeys, MAX_KEYS_SHOWN));
            }
            this.entries.put(e.key(), e);
        }
    }

    /** The mapping itself. */
    public FieldReader self() {
        return self;
    }

    /** Whether {@code key} is written with a value that is not null. */
    public boolean has(String key) {
        YamlNodes.Entry e = entries.get(key);
        return e != null && !YamlNodes.isNull(e.value());
    }

    /** The value of {@code key}, or empty if it is absent or null. */
    public Optional<FieldReader> optional(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(new FieldReader(
                self.source(), self.childPath(key), entries.get(key).value()));
    }

    /** The value of {@code key}; {@code allowed} says what it may be, for the error if it is missing or null. */
    public FieldReader required(String key, String allowed) {
        YamlNodes.Entry e = entries.get(key);
        if (e == null) {
            throw new FieldReader(self.source(), self.childPath(key), self.node())
                    .fail("nothing (the field is required)", allowed);
        }
        FieldReader f = new FieldReader(self.source(), self.childPath(key), e.value());
        if (YamlNodes.isNull(e.value())) {
            throw f.fail("nothing (the field is required)", allowed);
        }
        return f;
    }

    /** A required name. */
    public String name(String key) {
        return required(key, FieldReader.NAME_SYNTAX).name();
    }

    /** A required {@code int} in {@code [min, max]}. */
    public int intIn(String key, int min, int max) {
        return required(key, FieldReader.integerRange(min, max)).intIn(min, max);
    }

    /** An optional {@code int} in {@code [min, max]}, or {@code otherwise}. */
    public int intIn(String key, int min, int max, int otherwise) {
        return optional(key).map(f -> f.intIn(min, max)).orElse(otherwise);
    }

    /** A required integer in {@code [min, max]}. */
    public long integer(String key, long min, long max) {
        return required(key, FieldReader.integerRange(min, max)).integer(min, max);
    }

    /** An optional integer in {@code [min, max]}, or {@code otherwise}. */
    public long integer(String key, long min, long max, long otherwise) {
        return optional(key).map(f -> f.integer(min, max)).orElse(otherwise);
    }

    /** A required number in {@code [min, max]} (above {@code min} if {@code exclusive}). */
    public double number(String key, double min, boolean exclusive, double max) {
        return required(key, FieldReader.numberRange(min, exclusive, max)).number(min, exclusive, max);
    }

    /** An optional number in {@code [min, max]} (above {@code min} if {@code exclusive}), or {@code otherwise}. */
    public double number(String key, double min, boolean exclusive, double max, double otherwise) {
        return optional(key).map(f -> f.number(min, exclusive, max)).orElse(otherwise);
    }

    /** A required duration in {@code [minMs, maxMs]}. */
    public long duration(String key, long minMs, long maxMs) {
        return required(key, Durations.range(minMs, maxMs)).duration(minMs, maxMs);
    }

    /** An optional duration in {@code [minMs, maxMs]}, or {@code otherwise}. */
    public long duration(String key, long minMs, long maxMs, long otherwise) {
        return optional(key).map(f -> f.duration(minMs, maxMs)).orElse(otherwise);
    }

    /** A required point in time; a date means its midnight UTC. */
    public long time(String key) {
        return required(key, Times.SYNTAX).time();
    }

    /** An optional point in time; a date means its midnight UTC. */
    public long time(String key, long otherwise) {
        return optional(key).map(FieldReader::time).orElse(otherwise);
    }

    /** A required list of at least {@code minSize} items; {@code allowed} describes it, as "a list of sites". */
    public List<FieldReader> list(String key, int minSize, String allowed) {
        return required(key, allowed).list(minSize, allowed);
    }

    /** An optional list, empty if absent. */
    public List<FieldReader> optionalList(String key, String allowed) {
        return optional(key).map(f -> f.list(0, allowed)).orElse(List.of());
    }
}
