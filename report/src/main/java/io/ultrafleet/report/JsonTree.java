package io.ultrafleet.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ultrafleet.spec.input.ErrorWords;
import io.ultrafleet.spec.input.InputProblem;
import io.ultrafleet.spec.input.JsonWords;
import io.ultrafleet.spec.input.TextFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON read into plain values, key order kept: objects are {@code Map<String, Object>}, arrays {@code List<Object>},
 * numbers {@link BigDecimal} (so they are written back exactly as read), then strings, booleans and null.
 */
final class JsonTree {
    /** The largest JSON file a report reads. */
    static final int MAX_BYTES = 64 << 20;

    private JsonTree() {}

    /**
     * The text of a JSON file: at most {@link #MAX_BYTES}, UTF-8.
     *
     * @throws ReportInputException naming the file if it is too large, unreadable or not UTF-8
     */
    static String readText(Path file) {
        try {
            return TextFile.read(file, MAX_BYTES);
        } catch (InputProblem p) {
            throw new ReportInputException(file + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.detail());
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + ErrorWords.of(e));
        }
    }

    /** A string as a message shows it: in quotes, cut to 40 characters. */
    static String shown(String s) {
        String one = s.replaceAll("\\R", " ");
        return "'" + (one.length() > 40 ? one.substring(0, 37) + "..." : one) + "'";
    }

    /**
     * Parses one JSON document.
     *
     * @param file what messages call the text
     * @throws ReportInputException if the text is not one valid JSON value
     */
    static Object parse(String file, String text) {
        try (JsonParser p = new JsonFactory().createParser(text)) {
            if (p.nextToken() == null) {
                throw new ReportInputException(file + ": empty, expected a JSON object");
            }
            Object value = read(p);
            if (p.nextToken() != null) {
                throw new ReportInputException(
                        file + ":" + p.currentLocation().getLineNr() + ": more after the end of the JSON document");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ReportInputException(file + JsonWords.lineAndColumn(e) + ": not valid JSON: " + JsonWords.of(e));
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getDecimalValue();
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The value at a dotted path such as {@code reliability.ettr}; a step {@code [name=X]} picks the element of an
     * array whose {@code name} is X, as in {@code queues[name=research/adhoc].wait_hours.p95}.
     */
    static Optional<Object> at(Object root, String path) {
        Object current = root;
        for (String step : steps(path)) {
            if (step.startsWith("[name=")) {
                String name = step.substring(6, step.length() - 1);
                if (!(current instanceof List<?> list)) {
                    return Optional.empty();
                }
                current = null;
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                        current = o;
                        break;
                    }
                }
            } else if (current instanceof Map<?, ?> m) {
                current = m.get(step);
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The number at {@code path}, if there is one. */
    static Optional<BigDecimal> number(Object root, String path) {
        return at(root, path).filter(BigDecimal.class::isInstance).map(BigDecimal.class::cast);
    }

    private static List<String> steps(String path) {
        List<String> out = new ArrayList<>();
        int i = 0;
        StringBuilder key = new StringBuilder();
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                if (key.length() > 0) {
                    out.add(key.toString());
                    key.setLength(0);
                }
                int close = path.indexOf(']', i);
                out.add(path.substring(i, close + 1));
                i = close + 1;
            } else if (c == '.') {
                if (key.length() > 0) {
                    out.add(key.toString());
                    key.setLength(0);
                }
                i++;
            } else {
                key.append(c);
                i++;
            }
        }
        if (key.length() > 0) {
            out.add(key.toString());
        }
        return out;
    }

    /** Writes a value read by {@link #parse} (or built of the same types) with {@code g}. */
    static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }
}
