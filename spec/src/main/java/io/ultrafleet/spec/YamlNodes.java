package io.ultrafleet.spec;

import java.io.Reader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** Composing a YAML document into nodes, and what the scenario reader needs to know about a node. */
public final class YamlNodes {
    private static final int MAX_SHOWN = 40;

    private YamlNodes() {}

    /** A key and its value in a mapping, after merge keys ({@code <<}) are applied. */
    public record Entry(String key, ScalarNode keyNode, Node value) {}

    /**
     * The root node of the single document in {@code yaml}.
     *
     * @throws ScenarioException if the YAML is malformed or the document is empty
     */
    public static Node compose(String source, Reader yaml) {
        Node root = composeAny(source, yaml);
        if (root == null || isNull(root)) {
            int line = root == null ? 1 : line(root.getStartMark());
            int column = root == null ? 1 : column(root.getStartMark());
            throw new ScenarioException(
                    source,
                    line,
                    column,
                    "",
                    "found an empty document, allowed a scenario mapping starting with 'apiVersion: "
                            + ScenarioReader.API_VERSION + "'");
        }
        return root;
    }

    /**
     * The root node of the single document in {@code yaml}, or null when it has none (an empty file, or only
     * comments).
     *
     * @throws ScenarioException if the YAML is malformed, with the line and column of the problem
     */
    public static Node composeAny(String source, Reader yaml) {
        Node root;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ScenarioLimits.MAX_FILE_BYTES);
        LastEvent parser = new LastEvent(yaml, options);
        try {
            root = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + oneLine(e.getContext()) + ")";
            String problem = e.getProblem() == null ? oneLine(e.getMessage()) : oneLine(e.getProblem());
            throw new ScenarioException(
                    source,
                    mark == null ? 1 : line(mark),
                    mark == null ? 1 : column(mark),
                    "",
                    "invalid YAML: " + problem + context);
        } catch (YAMLException e) {
            throw new ScenarioException(source, 1, 1, "", "invalid YAML: " + oneLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // SnakeYAML checks a node's tag when it builds the node, outside its own errors: the event it read last,
            // the node's start, says where.
            Mark mark = parser.last == null ? null : parser.last.getStartMark();
            throw new ScenarioException(
                    source,
                    mark == null ? 1 : line(mark),
                    mark == null ? 1 : column(mark),
                    "",
                    "invalid YAML: " + badTag(parser.last).orElse(oneLine(e.getMessage())));
        }
        return root;
    }

    /**
     * The entries of {@code map} in document order, with merge keys ({@code <<: *base}) applied: keys written in
     * the mapping win over merged ones.
     *
     * @throws ScenarioException if a key is written twice or is not a plain scalar
     */
    public static List<Entry> entries(String source, String path, MappingNode map) {
        return entries(source, path, map, new IdentityHashMap<>());
    }

    private static List<Entry> entries(
            String source, String path, MappingNode map, IdentityHashMap<Node, Boolean> seen) {
        if (seen.put(map, Boolean.TRUE) != null) {
            return List.of();
        }
        Map<String, Entry> explicit = new LinkedHashMap<>();
        List<Entry> merged = new ArrayList<>();
        String where = path.isEmpty() ? "" : path + ".";
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                for (MappingNode m : mergeSources(source, path, t.getValueNode())) {
                    merged.addAll(entries(source, path, m, seen));
                }
                continue;
            }
            if (!(k instanceof ScalarNode key) || isNull(k)) {
                throw new ScenarioException(
                        source,
                        line(k.getStartMark()),
                        column(k.getStartMark()),
                        path,
                        (path.isEmpty() ? "" : "field '" + path + "': ") + "found " + describe(k)
                                + " as a key, allowed a plain name");
            }
            Entry first = explicit.get(key.getValue());
            if (first != null) {
                throw new ScenarioException(
                        source,
                        line(k.getStartMark()),
                        column(k.getStartMark()),
                        where + key.getValue(),
                        "field '" + where + key.getValue() + "': found the key '" + key.getValue()
                                + "' a second time (first at line "
                                + line(first.keyNode().getStartMark())
                                + "), allowed each key once");
            }
            explicit.put(key.getValue(), new Entry(key.getValue(), key, t.getValueNode()));
        }
        List<Entry> out = new ArrayList<>(explicit.values());
        for (Entry e : merged) {
            if (!explicit.containsKey(e.key())) {
                explicit.put(e.key(), e);
                out.add(e);
            }
        }
        return out;
    }

    private static List<MappingNode> mergeSources(String source, String path, Node value) {
        if (value instanceof MappingNode m) {
            return List.of(m);
        }
        List<MappingNode> out = new ArrayList<>();
        if (value instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                if (n instanceof MappingNode m) {
                    out.add(m);
                } else {
                    out.clear();
                    break;
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        throw new ScenarioException(
                source,
                line(value.getStartMark()),
                column(value.getStartMark()),
                path,
                (path.isEmpty() ? "" : "field '" + path + "': ") + "found " + describe(value)
                        + " after '<<', allowed a mapping or a list of mappings to merge");
    }

    /** Whether {@code node} is YAML null: an empty value, {@code ~} or {@code null}. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** Whether {@code node} is a scalar written without quotes. */
    public static boolean isPlain(ScalarNode node) {
        return node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }

    /** The node as a message shows what was found: a scalar's text (quoted if it was), else its kind. */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode s) {
            return s.getValue().isEmpty() ? "an empty list" : "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (isNull(s)) {
            return s.getValue().isEmpty() ? "nothing" : s.getValue();
        }
        String text = oneLine(s.getValue());
        if (text.length() > MAX_SHOWN) {
            text = text.substring(0, MAX_SHOWN) + "...";
        }
        if (isPlain(s)) {
            return text;
        }
        return text.isEmpty() ? "an empty string" : "\"" + text + "\"";
    }

    /** 1-based line of a mark. */
    public static int line(Mark mark) {
        return mark.getLine() + 1;
    }

    /** 1-based column of a mark. */
    public static int column(Mark mark) {
        return mark.getColumn() + 1;
    }

    /** A parser that keeps the last event it handed out, so that a problem found after it can be placed. */
    private static final class LastEvent implements Parser {
        private final ParserImpl parser;
        private Event last;

        LastEvent(Reader yaml, LoaderOptions options) {
            this.parser = new ParserImpl(new StreamReader(yaml), options);
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            last = parser.getEvent();
            return last;
        }
    }

    /** What is wrong with the tag of {@code event}, when it is one SnakeYAML refuses (spaces or controls at an end). */
    private static Optional<String> badTag(Event event) {
        String tag = event instanceof CollectionStartEvent c
                ? c.getTag()
                : event instanceof ScalarEvent sc ? sc.getTag() : null;
        if (tag == null || tag.trim().length() == tag.length()) { // SnakeYAML's own rule
            return Optional.empty();
        }
        StringBuilder shown = new StringBuilder();
        tag.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                shown.append(String.format("\\x%02x", cp));
            } else {
                shown.appendCodePoint(cp);
            }
        });
        return Optional.of("the tag '" + shown + "' begins or ends with a space or a control character");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
