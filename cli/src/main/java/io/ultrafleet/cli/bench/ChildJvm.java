package io.ultrafleet.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark in a JVM of its own (so that its heap and resident set are its own), with the same Java as this
 * one, and reads the {@code result key=value ...} line it prints. Whatever else it prints on stdout or stderr is kept
 * for the error message should it fail.
 */
public final class ChildJvm {
    /** Where {@code ./mvnw package} puts the benchmark classes, relative to the project root. */
    public static final String BENCH_JAR = "bench/target/benchmarks.jar";

    private final String classpath;
    private final List<String> jvmArgs;

    /**
     * @param classpath a jar or class path holding the benchmark classes and what they use
     * @param jvmArgs options given to every child JVM, e.g. {@code -Xmx2g}
     */
    public ChildJvm(String classpath, List<String> jvmArgs) {
        this.classpath = classpath;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * {@code jvmArgs} with the options {@code ./ultrafleet} runs the twin with in front: the throughput collector (a
     * batch job has no pauses to keep short) unless they choose a collector, and a young generation of at most
     * {@link #YOUNG_GENERATION} unless they size the heap or its young generation themselves.
     */
    public static List<String> withLauncherOptions(List<String> jvmArgs) {
        boolean collector = false;
        boolean sized = false;
        for (String a : jvmArgs) {
            collector |= a.startsWith("-XX:+Use") && a.endsWith("GC");
            sized |= a.startsWith("-Xmx") || a.startsWith("-Xmn") || a.contains("NewSize");
        }
        List<String> out = new ArrayList<>();
        if (!collector) {
            out.add(THROUGHPUT_COLLECTOR);
        }
        if (!sized) {
            out.add(YOUNG_GENERATION);
        }
        out.addAll(jvmArgs);
        return List.copyOf(out);
    }

    /** The collector benchmarks run with unless told otherwise: the one the launcher script uses. */
    public static final String THROUGHPUT_COLLECTOR = "-XX:+UseParallelGC";

    /**
     * The launcher's cap on the young generation. A run's live heap is small (under 200 MiB at a million GPUs), and a
     * young generation the collector lets grow to gigabytes spreads fresh objects over more memory than the caches
     * hold: at a million GPUs the run is about 8 % slower without the cap (docs/benchmarks/placement-and-scale.md).
     */
    public static final String YOUNG_GENERATION = "-XX:MaxNewSize=256m";

    /**
     * The benchmark jar of the build this command runs from: {@code cli/target/ultrafleet.jar} (or the classes
     * folder {@code cli/target/classes}) lies three levels below the project root.
     *
     * @throws IllegalStateException if it is not there, saying how to build it
     */
    public static String defaultClasspath() {
        Path here;
        try {
            here = Path.of(ChildJvm.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where this command's jar is: " + e.getMessage(), e);
        }
        Path root = here.toAbsolutePath().getParent();
        for (int i = 0; i < 2 && root != null; i++) {
            root = root.getParent();
        }
        Path jar = root == null ? Path.of(BENCH_JAR) : root.resolve(BENCH_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it with ./mvnw -q -DskipTests package"
                    + " (./ultrafleet does), or give --classpath");
        }
        return jar.toString();
    }

    /**
     * Runs {@code mainClass} with {@code args} and returns the key-value pairs of its result line, in order.
     *
     * @throws IllegalStateException if it fails or prints no result line
     */
    public Map<String, String> run(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        }
        // Ctrl-C or SIGTERM to the command ends its benchmark JVM too, rather than leaving it running.
        Thread stopChild = new Thread(p::destroyForcibly, "stop-child-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        StringBuilder err = new StringBuilder();
        Thread drain = new Thread(() -> err.append(readAll(p.getErrorStream())), "child-stderr");
        drain.start();
        String out = readAll(p.getInputStream());
        int code;
        try {
            code = p.waitFor();
            drain.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + mainClass + " ran", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the child is being stopped.
            }
        }
        Map<String, String> result = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("result ")) {
                result = parse(line);
            }
        }
        if (code != 0 || result == null) {
            throw new IllegalStateException(mainClass + " failed (exit code " + code + "): "
                    + (out + err)
                            .strip()
                            .lines()
                            .limit(20)
                            .reduce((a, b) -> a + "\n" + b)
                            .orElse("no output"));
        }
        return result;
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : line.substring("result ".length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("malformed result pair '" + pair + "' in: " + line);
            }
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
