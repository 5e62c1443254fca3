package io.ultrafleet.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value in a scenario document, with its dotted path, read as a given type. Every read that fails throws a
 * {@link ScenarioException} at the value's line and column: {@code field 'PATH': found X, allowed Y}.
 */
public final class FieldReader {
    /** Names of sites, tenants, queues and the like. */
    public static final String NAME_SYNTAX =
            "a name of letters, digits, '.', '_' and '-', starting with a letter or digit";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9][0-9_]*");
    /** Longer digit strings are not read as integers: no field takes one (and a megabyte of digits is not parsed). */
    private static final int MAX_DIGITS = 40;

    private final String source;
    private final String path;
    private final Node node;

    public FieldReader(String source, String path, Node node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    public String source() {
        return source;
    }

    /** Dotted path, such as {@code fleet.deliveries[2].racks}; empty for the document itself. */
    public String path() {
        return path;
    }

    public Node node() {
        return node;
    }

    public int line() {
        return YamlNodes.line(node.getStartMark());
    }

    public int column() {
        return YamlNodes.column(node.getStartMark());
    }

    /** The path of {@code key} inside this value. */
    public String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** An error at this value: it was {@code found}, and {@code allowed} is what may be written. */
    public ScenarioException fail(String found, String allowed) {
        String prefix = path.isEmpty() ? "" : "field '" + path + "': ";
        return new ScenarioException(
                source, line(), column(), path, prefix + "found " + found + ", allowed " + allowed);
    }

    /** An error at this value, showing what is written there. */
    public ScenarioException fail(String allowed) {
        return fail(YamlNodes.describe(node), allowed);
    }

    /** The text of a scalar that is not null. */
    public String text(String allowed) {
        if (!(node instanceof ScalarNode s) || YamlNodes.isNull(node)) {
            throw fail(allowed);
        }
        return s.getValue();
    }

    /** Whether this is the plain scalar {@code word}. */
    public boolean isWord(String word) {
        return node instanceof ScalarNode s && YamlNodes.isPlain(s) && word.equals(s.getValue());
    }

    /** A name such as a site's or a tenant's. */
    public String name() {
        String text = text(NAME_SYNTAX);
        if (!NAME.matcher(text).matches()) {
            throw fail(NAME_SYNTAX);
        }
        return text;
    }

    /** A name that must be one of {@code choices}; {@code what} introduces them, as in "one of the declared sites". */
    public String oneOf(String what, Collection<String> choices) {
        if (!(node instanceof ScalarNode s) || YamlNodes.isNull(node) || !choices.contains(s.getValue())) {
            String allowed = what + ": " + ShortList.join(choices);
            String text = text(allowed);
            throw fail(YamlNodes.describe(node) + DidYouMean.hint(text, choices), allowed);
        }
        return s.getValue();
    }

    /** An integer in {@code [min, max]}. */
    public long integer(long min, long max) {
        String allowed = integerRange(min, max);
        if (!(node instanceof ScalarNode s)
                || !YamlNodes.isPlain(s)
                || s.getValue().length() > MAX_DIGITS
                || !DECIMAL.matcher(s.getValue()).matches()) {
            throw fail(allowed);
        }
        BigInteger v = new BigInteger(s.getValue().replace("_", "").replace("+", ""));
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw fail(allowed);
        }
        return v.longValueExact();
    }

    /** An {@code int} in {@code [min, max]}. */
    public int intIn(int min, int max) {
        return (int) integer(min, max);
    }

    /** A finite number in {@code [min, max]}, or in {@code (min, max]} if {@code exclusive}. */
    public double number(double min, boolean exclusive, double max) {
        String allowed = numberRange(min, exclusive, max);
        double v = parseNumber(allowed);
        if ((exclusive ? v <= min : v < min) || v > max) {
            throw fail(allowed);
        }
        return v;
    }

    /** A finite number in a message's own terms. */
    public double parseNumber(String allowed) {
        if (!(node instanceof ScalarNode s)
                || !YamlNodes.isPlain(s)
                || !(s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            throw fail(allowed);
        }
        if (s.getValue().length() > MAX_DIGITS * 2) {
            throw fail(allowed);
        }
        double v;
        try {
            v = Double.parseDouble(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(allowed);
        }
        if (!Double.isFinite(v)) {
            throw fail(allowed);
        }
        return v;
    }

    /** A point in time: a date means midnight UTC at its start. */
    public long time() {
        return time(false);
    }

    /** The end of a period: a date means the end of that day (the next midnight UTC). */
    public long endTime() {
        return time(true);
    }

    private long time(boolean end) {
        String text = text(Times.SYNTAX);
        if (text.length() > MAX_DIGITS * 2) {
            throw fail(Times.SYNTAX);
        }
        long ms;
        try {
            ms = end ? Times.parseEnd(text) : Times.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(Times.SYNTAX);
        }
        if (ms < Times.MIN_MS || ms > Times.MAX_MS) {
            throw fail(Times.WINDOW);
        }
        return ms;
    }

    /** A duration in milliseconds in {@code [minMs, maxMs]}. */
    public long duration(long minMs, long maxMs) {
        String text = text(Durations.SYNTAX);
        String allowed = Durations.range(minMs, maxMs);
        if (text.length() > MAX_DIGITS * 2) {
            throw fail(allowed);
        }
        long ms;
        try {
            ms = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(Durations.SYNTAX);
        }
        if (ms < minMs || ms > maxMs) {
            throw fail(allowed);
        }
        return ms;
    }

    /** The items of a list of at least {@code minSize}; {@code allowed} describes the list, as "a list of sites". */
    public List<FieldReader> list(int minSize, String allowed) {
        if (!(node instanceof SequenceNode seq)) {
            throw fail(allowed);
        }
        if (seq.getValue().size() < minSize) {
            throw fail(allowed + " (at least " + (minSize == 1 ? "one" : Integer.toString(minSize)) + ")");
        }
        List<FieldReader> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new FieldReader(source, path + "[" + i + "]", seq.getValue().get(i)));
        }
        return out;
    }

    /** This value as a mapping whose keys must be among {@code keys}; {@code allowed} describes it. */
    public MappingReader mapping(String allowed, Collection<String> keys) {
        if (!(node instanceof MappingNode map)) {
            throw fail(allowed);
        }
        return new MappingReader(this, YamlNodes.entries(source, path, map), keys);
    }

    public static String integerRange(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "an integer";
        }
        return "an integer from " + min + " to " + max;
    }

    public static String numberRange(double min, boolean exclusive, double max) {
        return exclusive
                ? "a number > " + plain(min) + " and at most " + plain(max)
                : "a number from " + plain(min) + " to " + plain(max);
    }

    /** {@code 1.0} as {@code 1}, other numbers as Java prints them. */
    public static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
    }
}
