package io.ultrafleet.cli.bench;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.executor.slurm.SlurmRest;
import io.ultrafleet.server.executor.slurm.SlurmSettings;
import io.ultrafleet.spec.ScenarioReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm lab {@code bench slurm} runs on: one cluster started through {@code scripts/slurm-lab.sh} in a temporary
 * folder on ports of its own, and, for the Ultrafleet side, {@code serve} on the lab's file in a JVM of its own.
 * {@link #close()} stops the server and takes the lab down; it also runs when the JVM is told to stop (Ctrl-C), so
 * nothing is left running either way.
 */
final class SlurmBenchLab implements AutoCloseable {
    static final String ADMIN = "bench-slurm-admin-token-0123456789";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    final Path dir;
    final Path fleetFile;
    final SlurmRest rest;
    /** Each node's block, from its {@code block:} feature. */
    final Map<String, String> blockOf;

    private final Path script;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread hook = new Thread(this::stopAll, "bench-slurm-stop");
    private Process server;
    private Path data;

    private SlurmBenchLab(Path dir, Path script, SlurmRest rest, Map<String, String> blockOf) {
        this.dir = dir;
        this.fleetFile = dir.resolve("ultrafleet-slurm.yaml");
        this.script = script;
        this.rest = rest;
        this.blockOf = blockOf;
    }

    /** Starts a lab of {@code shape} (options of {@code slurm-lab.sh up}) on ports from {@code portBase}. */
    static SlurmBenchLab up(int portBase, List<String> shape) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("bench slurm starts a Slurm lab, which needs root (scripts/slurm-lab.sh)");
        }
        Path script = script();
        Path dir = Files.createTempDirectory("ultrafleet-bench-slurm-");
        SlurmBenchLab lab = new SlurmBenchLab(dir, script, null, Map.of());
        Runtime.getRuntime().addShutdownHook(lab.hook);
        try {
            List<String> args = new ArrayList<>(List.of("up", "--dir", dir.toString(), "--port-base", "" + portBase));
            args.addAll(shape);
            lab.run(300, args);
            var read = new ScenarioReader(HardwareCatalogue.builtIn()).read(lab.fleetFile);
            SlurmSettings s =
                    SlurmSettings.read(read.document().optional("executor").orElseThrow(), read.siteNames());
            SlurmRest rest = new SlurmRest(s.clusters().get(0));
            Map<String, String> blocks = new HashMap<>();
            for (SlurmRest.Node n : rest.nodes()) {
                for (String f : n.features().split(",")) {
                    if (f.startsWith("block:")) {
                        blocks.put(n.name(), f.substring("block:".length()));
                    }
                }
            }
            SlurmBenchLab ready = new SlurmBenchLab(dir, script, rest, Map.copyOf(blocks));
            Runtime.getRuntime().removeShutdownHook(lab.hook);
            lab.closed.set(true);
            Runtime.getRuntime().addShutdownHook(ready.hook);
            return ready;
        } catch (IOException | InterruptedException | RuntimeException e) {
            lab.closed.set(false);
            lab.close();
            throw e;
        }
    }

    /** Starts {@code serve} on the lab's file and returns its base URL. */
    synchronized String startServer() throws IOException {
        data = Files.createTempDirectory("ultrafleet-bench-slurm-data-");
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.ultrafleet.cli.Main",
                "serve",
                fleetFile.toString(),
                "--data",
                data.toString(),
                "--port",
                "0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ULTRAFLEET_ADMIN_TOKEN", ADMIN);
        server = pb.start();
        return "http://127.0.0.1:" + port(server);
    }

    synchronized void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
            server = null;
        }
        if (data != null) {
            deleteTree(data);
            data = null;
        }
    }

    /** Cancels every job still live in the cluster and waits until none is. */
    void clear() throws IOException, InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (true) {
            boolean live = false;
            for (SlurmRest.Job j : rest.jobs()) {
                if (j.state().equals("RUNNING")
                        || j.state().equals("PENDING")
                        || j.state().equals("COMPLETING")) {
                    live = true;
                    if (!j.state().equals("COMPLETING")) {
                        rest.signal(j.id(), null);
                    }
                }
            }
            if (!live) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("jobs of the lab still live 120 s after being cancelled");
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
        stopAll();
    }

    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stopServer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            run(120, List.of("down", "--dir", dir.toString()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("bench slurm: the lab in " + dir + " may still run; stop it with scripts/slurm-lab.sh"
                    + " down --dir " + dir + " (" + e.getMessage() + ")");
            return;
        }
        deleteTree(dir);
    }

    private void run(int timeoutSeconds, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        Path out = Files.createTempFile("ultrafleet-slurm-lab", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new io.ultrafleet.server.StartupException(
                        "slurm-lab.sh " + args.get(0) + " took over " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                // the lab's own words say what failed and which log to read
                throw new io.ultrafleet.server.StartupException("slurm-lab.sh " + args.get(0) + " failed: "
                        + Files.readString(out).strip());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** scripts/slurm-lab.sh of the project this command's jar was built in, or above the working folder. */
    static Path script() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(SlurmBenchLab.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            // only the working folder then
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path s = p.resolve("scripts/slurm-lab.sh");
                if (Files.isRegularFile(s)) {
                    return s;
                }
            }
        }
        throw new io.ultrafleet.server.StartupException("scripts/slurm-lab.sh not found above " + starts.get(0)
                + " or the working folder; run bench slurm from the project's folder");
    }

    private static int port(Process server) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException e) {
                        // the server stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the server did not start:\n" + seen);
    }

    private static void deleteTree(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
