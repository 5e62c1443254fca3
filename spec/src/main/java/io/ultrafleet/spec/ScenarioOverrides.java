package io.ultrafleet.spec;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Puts {@link FieldOverride}s into a composed scenario document before it is read. A field that exists gets the new
 * value at its own line and column; a missing one is added to its mapping (missing mappings on the way are added
 * too), so that the reader checks it like any other key: an unknown name gets "unknown field ... did you mean".
 */
public final class ScenarioOverrides {
    private ScenarioOverrides() {}

    /**
     * The scenario document in {@code yaml} with {@code overrides} applied, written back as YAML (comments are not
     * kept). Used to keep, beside a run's outputs, the scenario that the run really had.
     *
     * @throws ScenarioException if the YAML is malformed or a path cannot be followed
     */
    public static String yaml(String source, String yaml, List<FieldOverride> overrides) {
        Node root = apply(source, YamlNodes.compose(source, new StringReader(yaml)), overrides);
        DumperOptions options = new DumperOptions();
        options.setWidth(120);
        StringWriter out = new StringWriter();
        new Yaml(options).serialize(root, out);
        return out.toString();
    }

    /** Applies {@code overrides} to the document {@code root} in place and returns it. */
    public static Node apply(String source, Node root, List<FieldOverride> overrides) {
        for (FieldOverride o : overrides) {
            apply(source, root, o);
        }
        return root;
    }

    private static void apply(String source, Node root, FieldOverride o) {
        List<Object> steps = o.steps();
        Node current = root;
        String path = "";
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            String next = step instanceof Integer n ? path + "[" + n + "]" : (path.isEmpty() ? "" : path + ".") + step;
            if (step instanceof Integer index) {
                if (!(current instanceof SequenceNode seq)) {
                    throw notA(source, current, path, "a list", o);
                }
                if (index >= seq.getValue().size()) {
                    throw new ScenarioException(
                            source,
                            YamlNodes.line(current.getStartMark()),
                            YamlNodes.column(current.getStartMark()),
                            path,
                            "--set " + o + ": field '" + path + "' "
                                    + entries(seq.getValue().size()));
                }
                Node old = seq.getValue().get(index);
                if (last) {
                    seq.getValue().set(index, scalar(source, o, old.getStartMark(), old.getEndMark()));
                    return;
                }
                current = old;
            } else {
                String key = (String) step;
                if (!(current instanceof MappingNode map)) {
                    throw notA(source, current, path, "a mapping", o);
                }
                int at = indexOf(map, key);
                if (at < 0) {
                    Mark mark = map.getStartMark();
                    Node value = last ? scalar(source, o, mark, mark) : emptyMapping(mark);
                    ScalarNode keyNode = new ScalarNode(Tag.STR, key, mark, mark, DumperOptions.ScalarStyle.PLAIN);
                    map.getValue().add(new NodeTuple(keyNode, value));
                    if (last) {
                        return;
                    }
                    current = value;
                } else {
                    NodeTuple t = map.getValue().get(at);
                    if (last) {
                        Node old = t.getValueNode();
                        Node value = scalar(source, o, old.getStartMark(), old.getEndMark());
                        map.getValue().set(at, new NodeTuple(t.getKeyNode(), value));
                        return;
                    }
                    current = t.getValueNode();
                }
            }
            path = next;
        }
    }

    private static int indexOf(MappingNode map, String key) {
        List<NodeTuple> tuples = map.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k
                    && k.getValue().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static MappingNode emptyMapping(Mark mark) {
        return new MappingNode(Tag.MAP, true, new ArrayList<>(), mark, mark, DumperOptions.FlowStyle.BLOCK);
    }

    /** The override's value as one plain scalar, tagged as YAML would tag it when written in the file. */
    private static ScalarNode scalar(String source, FieldOverride o, Mark start, Mark end) {
        String text = o.value();
        boolean single = !text.isBlank()
                && text.equals(text.strip())
                && text.chars().noneMatch(c -> c == '\n' || c == '#' || c == '{' || c == '[' || c == ',');
        if (!single) {
            throw new ScenarioException(
                    source,
                    YamlNodes.line(start),
                    YamlNodes.column(start),
                    o.path(),
                    "--set " + o + ": found " + (text.isBlank() ? "nothing" : "'" + text + "'")
                            + ", allowed a single value (a number, word, date or duration)");
        }
        Tag tag = new Resolver().resolve(NodeId.scalar, text, true);
        return new ScalarNode(tag, text, start, end, DumperOptions.ScalarStyle.PLAIN);
    }

    /** What indexes a list of {@code n} entries allows, for messages. */
    private static String entries(int n) {
        return switch (n) {
            case 0 -> "has no entries, so no index is allowed";
            case 1 -> "has 1 entry, allowed only the index 0";
            default -> "has " + n + " entries, allowed an index from 0 to " + (n - 1);
        };
    }

    private static ScenarioException notA(String source, Node node, String path, String what, FieldOverride o) {
        return new ScenarioException(
                source,
                YamlNodes.line(node.getStartMark()),
                YamlNodes.column(node.getStartMark()),
                path,
                "--set " + o + ": field '" + path + "' is " + YamlNodes.describe(node) + ", not " + what);
    }
}
