package io.ultrafleet.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary's JSON Schema ({@code docs/summary.schema.json}) as a tree of allowed paths: whether a field a page
 * reads, or a fixture writes, is one a real {@code summary.json} can have. Paths are dotted, with {@code []} for an
 * array's items ({@code cost.by_contract[].committed_usd}); the keys of open maps ({@code cost.by_queue}) may be
 * anything.
 */
final class SummarySchemaPaths {
    private final Map<?, ?> root;

    private SummarySchemaPaths(Map<?, ?> root) {
        this.root = root;
    }

    static SummarySchemaPaths load() throws IOException {
        Path file = Path.of("..", "docs", "summary.schema.json");
        return new SummarySchemaPaths(
                (Map<?, ?>) JsonTree.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Whether {@code path} names a field the schema allows. */
    boolean allows(String path) {
        return node(path) != null;
    }

    /** The schema node at {@code path}, or null when the schema has no such field. */
    Map<?, ?> node(String path) {
        Map<?, ?> at = root;
        for (String step : steps(path)) {
            at = resolve(at);
            if (step.equals("[]")) {
                at = at.get("items") instanceof Map<?, ?> items ? items : null;
            } else if (at.get("properties") instanceof Map<?, ?> props && props.get(step) instanceof Map<?, ?> p) {
                at = p;
            } else if (at.get("additionalProperties") instanceof Map<?, ?> any) {
                at = any;
            } else {
                at = null;
            }
            if (at == null) {
                return null;
            }
        }
        return resolve(at);
    }

    /** Whether {@code value} is of a type the schema node at {@code path} allows. */
    boolean typeFits(String path, Object value) {
        Map<?, ?> n = node(path);
        if (n == null) {
            return false;
        }
        Object type = n.get("type");
        List<?> types = type instanceof List<?> l ? l : List.of(String.valueOf(type));
        String actual = value == null
                ? "null"
                : value instanceof Map
                        ? "object"
                        : value instanceof List
                                ? "array"
                                : value instanceof Boolean
                                        ? "boolean"
                                        : value instanceof String
                                                ? "string"
                                                : value instanceof BigDecimal d
                                                                && d.stripTrailingZeros()
                                                                                .scale()
                                                                        <= 0
                                                        ? "integer"
                                                        : "number";
        return types.contains(actual) || (actual.equals("integer") && types.contains("number"));
    }

    /** Every path of {@code json} (a parsed summary) whose field the schema lacks or types otherwise. */
    List<String> strayPaths(Object json) {
        List<String> out = new ArrayList<>();
        walk(json, "", out);
        return out;
    }

    private void walk(Object v, String path, List<String> out) {
        if (!path.isEmpty() && !typeFits(path, v)) {
            out.add(path + (allows(path) ? " (wrong type)" : ""));
            return;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getValue(), path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), out);
            }
        } else if (v instanceof List<?> l) {
            for (Object item : l) {
                walk(item, path + "[]", out);
            }
        }
    }

    private Map<?, ?> resolve(Map<?, ?> n) {
        if (n.get("$ref") instanceof String ref && ref.startsWith("#/$defs/")) {
            return (Map<?, ?>) ((Map<?, ?>) root.get("$defs")).get(ref.substring("#/$defs/".length()));
        }
        return n;
    }

    private static List<String> steps(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int items = 0;
            while (part.endsWith("[]")) {
                part = part.substring(0, part.length() - 2);
                items++;
            }
            if (!part.isEmpty()) {
                out.add(part);
            }
            for (int i = 0; i < items; i++) {
                out.add("[]");
            }
        }
        return out;
    }
}
