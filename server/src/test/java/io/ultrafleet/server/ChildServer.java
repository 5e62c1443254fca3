package io.ultrafleet.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server in a child JVM ({@link ChildServerMain}) on the test's class path, which a test can kill as a crash would
 * ({@code kill -9}). Its log goes to a file beside its data, shown when it fails to start.
 */
final class ChildServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a child server on {@code data} (and {@code dbUrl}, when not null) and waits until it listens. */
    static ChildServer start(Path data, String scenario, double timeScale, String dbUrl, Path log)
            throws IOException, InterruptedException {
        return start(data, scenario, timeScale, dbUrl, log, Map.of());
    }

    /**
     * A server of {@code durability.yaml} at the wall clock's pace on the database at {@code dbUrl}, taking part in
     * leadership with a lease of {@code leaseMs}; its data folder and log are named for {@code name} in {@code dir}.
     */
    static ChildServer withLease(Path dir, String name, String dbUrl, long leaseMs)
            throws IOException, InterruptedException {
        return start(
                dir.resolve("data-" + name),
                "durability.yaml",
                1,
                dbUrl,
                dir.resolve("server-" + name + ".log"),
                Map.of("ULTRAFLEET_LEASE_MS", Long.toString(leaseMs)));
    }

    /** As {@link #start(Path, String, double, String, Path)}, with more environment for the child. */
    static ChildServer start(
            Path data, String scenario, double timeScale, String dbUrl, Path log, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath());
        command.add(ChildServerMain.class.getName());
        command.add(data.toString());
        command.add(scenario);
        command.add(Double.toString(timeScale));
        if (dbUrl != null) {
            command.add(dbUrl);
        }
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("ULTRAFLEET_ADMIN_TOKEN", LocalServer.ADMIN);
        b.environment().putAll(env);
        b.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = b.start();
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> readPort(p, port), "child-server-stdout");
            reader.setDaemon(true);
            reader.start();
            return new ChildServer(p, port.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child server did not start; its log:\n" + tail(log), e);
        }
    }

    /** Reads the child's output: the port it listens on, then whatever else it prints, so that it never blocks. */
    private static void readPort(Process p, CompletableFuture<Integer> port) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the child server ended before it listened"));
    }

    /** The test's class path, as Surefire gives it (its booter jar's manifest is not enough for a child). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isEmpty()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    /** The last lines of {@code log}. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int port() {
        return port;
    }

    /** The CPU time the server has used so far, in seconds. */
    double cpuSeconds() {
        return process.info()
                        .totalCpuDuration()
                        .orElseThrow(() -> new AssertionError("this system does not tell a process's CPU time"))
                        .toNanos()
                / 1e9;
    }

    /** What the server says it is at {@code /readyz}: leader, standby, unready (it answers 503) or down. */
    String role() {
        try {
            Http.Answer a = Http.at(port).get("/readyz").trySend();
            return a.status() == 200 ? a.json().path("role").asText() : "unready";
        } catch (IOException e) {
            return "down";
        }
    }

    /** Kills the server at once, as {@code kill -9} does: no shutdown hook, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child server did not die");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
