package io.ultrafleet.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Names that must be unique within a scope, such as sites across all providers; remembers where each was given. */
public final class UniqueNames {
    private final String what;
    private final Map<String, FieldReader> seen = new LinkedHashMap<>();

    /** @param what what the names name, as "site" or "queue of tenant frontier" */
    public UniqueNames(String what) {
        this.what = what;
    }

    /**
     * Records {@code name}, given at {@code field}.
     *
     * @throws ScenarioException if the name was given before
     */
    public void add(String name, FieldReader field) {
        FieldReader first = seen.putIfAbsent(name, field);
        if (first != null) {
            throw field.fail(
                    YamlNodes.describe(field.node()),
                    "a " + what + " name not used before (" + name + " is " + first.path() + " at line " + first.line()
                            + ")");
        }
    }

    public boolean contains(String name) {
        return seen.containsKey(name);
    }

    /** The names in the order given (a view: it grows as names are added; looking one up is quick). */
    public Set<String> names() {
        return Collections.unmodifiableSet(seen.keySet());
    }
}
