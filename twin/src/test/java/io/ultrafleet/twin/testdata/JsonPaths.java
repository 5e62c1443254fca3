package io.ultrafleet.twin.testdata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON document flattened to its scalars by dotted path, such as {@code cost.by_contract[0].spent_usd}; null values
 * are kept as Java null. Reading it also proves the text is one valid JSON document.
 */
public final class JsonPaths {
    private final Map<String, String> values = new LinkedHashMap<>();

    private JsonPaths() {}

    public static JsonPaths of(String json) {
        JsonPaths out = new JsonPaths();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            out.read(p, p.nextToken(), "");
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON document");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void read(JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                String name = p.currentName();
                read(p, p.nextToken(), path.isEmpty() ? name : path + "." + name);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                read(p, t, path + "[" + i++ + "]");
            }
        } else {
            values.put(path, t == JsonToken.VALUE_NULL ? null : p.getText());
        }
    }

    /** Whether the path holds a scalar (null included). */
    public boolean has(String path) {
        return values.containsKey(path);
    }

    /** Whether the path holds JSON null. */
    public boolean isNull(String path) {
        require(path);
        return values.get(path) == null;
    }

    public double number(String path) {
        require(path);
        return Double.parseDouble(values.get(path));
    }

    public String text(String path) {
        require(path);
        return values.get(path);
    }

    private void require(String path) {
        if (!values.containsKey(path)) {
            throw new IllegalArgumentException("no " + path + " in " + values.keySet());
        }
    }
}
