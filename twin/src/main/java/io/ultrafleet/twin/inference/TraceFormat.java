package io.ultrafleet.twin.inference;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The request-trace formats {@code replay inference} reads. */
public enum TraceFormat {
    /** Azure LLM inference trace 2023 (Splitwise): CSV {@code TIMESTAMP,ContextTokens,GeneratedTokens}. */
    AZURE("azure"),
    /** Mooncake FAST'25 traces: JSON lines with {@code timestamp}, {@code input_length}, {@code output_length}, {@code hash_ids}. */
    MOONCAKE("mooncake");

    private final String label;

    TraceFormat(String label) {
        this.label = label;
    }

    /** The name used on the command line. */
    public String label() {
        return label;
    }

    /** The format called {@code name} (case-insensitive), if any. */
    public static Optional<TraceFormat> named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(n)).findFirst();
    }

    /** The names, in a fixed order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(TraceFormat::label).toList();
    }

    /** Reads a trace of this format; a bad file or row throws {@link InferenceTraceException}. */
    public InferenceTrace read(Path file) {
        return this == AZURE ? AzureTraceReader.read(file) : MooncakeTraceReader.read(file);
    }
}
