package io.ultrafleet.spec.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.ultrafleet.spec.ScenarioException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A JSON document (a request body) read strictly (one value, no duplicate keys, no comments, limited nesting) into
 * the same node tree a scenario file is read into, with each value's line and column, so that the scenario's field
 * readers check it with the same rules and words. Numbers, booleans and null are plain scalars; strings are quoted
 * ones, so a number written as a string is found as a string, as in a scenario file.
 */
public final class JsonNodes {
    /** The deepest nesting of lists and objects accepted. */
    public static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(1 << 20)
                    .build())
            .build();

    private JsonNodes() {}

    /**
     * The root node of the JSON in {@code text}.
     *
     * @param source what errors call the document, such as {@code request body}
     * @throws ScenarioException for malformed JSON, naming the line and column, or an empty body
     */
    public static Node compose(String source, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioException(source, 1, 1, "", "found an empty body, allowed a JSON object");
            }
            Node root = value(p, source);
            JsonToken after = p.nextToken();
            if (after != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ScenarioException(
                        source, at.getLineNr(), at.getColumnNr(), "", "invalid JSON: more than one value in the body");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(
                    source,
                    at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()),
                    "",
                    "invalid JSON: " + JsonWords.of(e));
        } catch (IOException e) {
            throw new ScenarioException(source, 1, 1, "", "invalid JSON: it cannot be read");
        }
    }

    private static Node value(JsonParser p, String source) throws IOException {
        Mark start = mark(source, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                List<NodeTuple> entries = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    Mark keyMark = mark(source, p.currentTokenLocation());
                    ScalarNode key = scalar(Tag.STR, p.currentName(), keyMark, DumperOptions.ScalarStyle.PLAIN);
                    p.nextToken();
                    entries.add(new NodeTuple(key, value(p, source)));
                }
                return new MappingNode(Tag.MAP, true, entries, start, start, DumperOptions.FlowStyle.FLOW);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, source));
                }
                return new SequenceNode(Tag.SEQ, true, items, start, start, DumperOptions.FlowStyle.FLOW);
            }
            case VALUE_STRING -> {
                return scalar(Tag.STR, p.getText(), start, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            }
            case VALUE_NUMBER_INT -> {
                return scalar(Tag.INT, p.getText(), start, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_NUMBER_FLOAT -> {
                return scalar(Tag.FLOAT, p.getText(), start, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return scalar(Tag.BOOL, p.getText(), start, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_NULL -> {
                return scalar(Tag.NULL, "null", start, DumperOptions.ScalarStyle.PLAIN);
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    private static ScalarNode scalar(Tag tag, String value, Mark at, DumperOptions.ScalarStyle style) {
        return new ScalarNode(tag, value, at, at, style);
    }

    private static Mark mark(String source, JsonLocation at) {
        int line = Math.max(0, at.getLineNr() - 1);
        int column = Math.max(0, at.getColumnNr() - 1);
        return new Mark(source, 0, line, column, new int[0], 0);
    }
}
