package io.ultrafleet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code bench failover} runs against: an embedded PostgreSQL and several {@code serve} processes on loopback
 * sharing it, each with a data folder of its own, all under one temporary folder. A server can be killed as a crash
 * would ({@code kill -9}) and started again. {@link #close()} kills every server, stops PostgreSQL and deletes the
 * folder; it also runs when the JVM is told to stop (Ctrl-C), so nothing is left behind either way.
 */
final class FailoverCluster implements AutoCloseable {
    static final String ADMIN = "bench-failover-admin-token-0123456789";

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path scenario;
    private final double leaseSeconds;
    private final Process[] processes;
    private final AtomicIntegerArray ports;
    private final int[] generations;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread hook = new Thread(this::stopAll, "bench-failover-stop");
    private EmbeddedPostgres pg;
    private String url;

    private FailoverCluster(Path root, int servers, double leaseSeconds) {
        this.root = root;
        this.scenario = root.resolve("failover.yaml");
        this.leaseSeconds = leaseSeconds;
        this.processes = new Process[servers];
        this.ports = new AtomicIntegerArray(servers);
        this.generations = new int[servers];
    }

    /** Starts PostgreSQL and {@code servers} servers, and waits until each listens. */
    static FailoverCluster start(int servers, double leaseSeconds) throws IOException, InterruptedException {
        return start(servers, leaseSeconds, 8);
    }

    /** As {@link #start(int, double)}, with a fleet of {@code racks} racks (8 in the benchmark's scenario). */
    static FailoverCluster start(int servers, double leaseSeconds, int racks) throws IOException, InterruptedException {
        FailoverCluster c =
                new FailoverCluster(Files.createTempDirectory("ultrafleet-bench-failover-"), servers, leaseSeconds);
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            try (InputStream in = FailoverCluster.class.getResourceAsStream("/bench/failover.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("the benchmark's scenario bench/failover.yaml is missing");
                }
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                Files.writeString(c.scenario, text.replace("racks: 8,", "racks: " + racks + ","));
            }
            Path pgLog = c.root.resolve("postgres.log");
            c.pg = EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(pgLog.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(pgLog.toFile()))
                    .start();
            c.url = c.pg.getJdbcUrl("postgres", "postgres");
            // all at once on the empty database: one stores the scenario, the others start from what it stored
            for (int i = 0; i < servers; i++) {
                c.launch(i);
            }
            for (int i = 0; i < servers; i++) {
                c.awaitPort(i);
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    int size() {
        return processes.length;
    }

    /** The port of server {@code slot}, or 0 while it starts. */
    int port(int slot) {
        return ports.get(slot);
    }

    /** A connection to the servers' database, for the benchmark's checks. */
    Connection database() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    /** The server process of {@code slot}, for its heap and its lifetime. */
    synchronized Process process(int slot) {
        return processes[slot];
    }

    /** Kills server {@code slot} as {@code kill -9} does and waits until it is gone. */
    void kill(int slot) throws InterruptedException {
        Process p = process(slot);
        ports.set(slot, 0);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server " + slot + " did not die within 30 s of SIGKILL");
        }
    }

    /** Starts server {@code slot} again (it joins as a standby) and waits until it listens. */
    void restart(int slot) throws IOException, InterruptedException {
        launch(slot);
        awaitPort(slot);
    }

    /** What {@code /readyz} of server {@code slot} says, or null if it does not answer 200. */
    JsonNode readyz(int slot) {
        int port = ports.get(slot);
        if (port == 0) {
            return null;
        }
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private synchronized void launch(int slot) throws IOException {
        if (closed.get()) {
            throw new IllegalStateException("the benchmark is stopping");
        }
        Path data = root.resolve("server" + slot);
        Files.createDirectories(data);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        String extra = System.getenv("ULTRAFLEET_BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.strip().split("\\s+")));
        }
        cmd.addAll(List.of(
                "-cp",
                classPath(),
                "io.ultrafleet.cli.Main",
                "serve",
                scenario.toString(),
                "--data",
                data.toString(),
                "--db",
                url,
                "--port",
                "0",
                "--lease",
                Double.toString(leaseSeconds),
                "--rate-limit",
                "10000000"));
        Path log = log(slot, ++generations[slot]);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("ULTRAFLEET_ADMIN_TOKEN", ADMIN);
        processes[slot] = pb.start();
    }

    private Path log(int slot, int generation) {
        return root.resolve("server" + slot + "-" + generation + ".log");
    }

    /** Waits until server {@code slot} logs the port it listens on. */
    private void awaitPort(int slot) throws IOException, InterruptedException {
        Process p = process(slot);
        Path log;
        synchronized (this) {
            log = log(slot, generations[slot]);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                ports.set(slot, Integer.parseInt(m.group(1)));
                return;
            }
            if (!p.isAlive() || closed.get()) {
                throw new IllegalStateException("server " + slot + " ended before it listened:\n" + tail(text));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server " + slot + " did not listen within 180 s:\n"
                + tail(Files.readString(log, StandardCharsets.UTF_8)));
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The class path of this command, as given to this JVM (under Surefire, the tests' own). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isEmpty() ? System.getProperty("java.class.path") : cp;
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** Kills every server, stops PostgreSQL and deletes the folder; once only. */
    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Process> all = new ArrayList<>();
        synchronized (this) {
            for (Process p : processes) {
                if (p != null) {
                    all.add(p);
                }
            }
        }
        all.forEach(Process::destroyForcibly);
        for (Process p : all) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException e) {
                // its folder goes below in any case
            }
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
