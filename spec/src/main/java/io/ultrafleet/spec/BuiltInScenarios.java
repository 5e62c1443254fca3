package io.ultrafleet.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The scenarios that ship with Ultrafleet, kept as YAML resources so that {@code scenario export} prints exactly what
 * {@code simulate} runs. The first one is the default.
 */
public final class BuiltInScenarios {
    /** Names in listing order; the first is the default scenario. */
    public static final List<String> NAMES = List.of("aws-openai-2025", "llama3-54d", "openai-multicloud-2026");

    private BuiltInScenarios() {}

    public static String defaultName() {
        return NAMES.get(0);
    }

    /** The YAML text of a built-in scenario, if there is one of that name. */
    public static Optional<String> yaml(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltInScenarios.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario resource missing: " + name);
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source name errors and outputs use for a built-in scenario. */
    public static String sourceName(String name) {
        return "builtin:" + name;
    }
}
