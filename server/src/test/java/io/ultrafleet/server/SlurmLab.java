package io.ultrafleet.server;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.executor.slurm.SlurmRest;
import io.ultrafleet.server.executor.slurm.SlurmSettings;
import io.ultrafleet.spec.ScenarioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Slurm lab for a test class, through {@code scripts/slurm-lab.sh} in a temporary folder on its own ports:
 * {@link #up} starts it, {@link #close} takes it down (also after a failure) and checks that nothing of it is left.
 */
final class SlurmLab implements AutoCloseable {
    final Path dir;
    final Path fleetFile;
    final Map<String, SlurmRest> rest = new LinkedHashMap<>();
    /** A folder every job may write in (its user is not root). */
    final Path shared;

    private SlurmLab(Path dir, Path shared) {
        this.dir = dir;
        this.fleetFile = dir.resolve("ultrafleet-slurm.yaml");
        this.shared = shared;
    }

    static Path script() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path s = p.resolve("scripts/slurm-lab.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new AssertionError("scripts/slurm-lab.sh not found above " + here);
    }

    /** Starts the default lab shape on ports from {@code portBase}, with {@code executorLines} added to its file. */
    static SlurmLab up(int portBase, String executorLines) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ufslurm");
        Path shared = Files.createTempDirectory("ufjobs");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        SlurmLab lab = new SlurmLab(dir, shared);
        try {
            lab.run(180, "up", "--dir", dir.toString(), "--port-base", Integer.toString(portBase));
            Files.writeString(lab.fleetFile, Files.readString(lab.fleetFile) + executorLines, StandardCharsets.UTF_8);
            var read = new ScenarioReader(HardwareCatalogue.builtIn()).read(lab.fleetFile);
            SlurmSettings s =
                    SlurmSettings.read(read.document().optional("executor").orElseThrow(), read.siteNames());
            for (SlurmSettings.Cluster c : s.clusters()) {
                lab.rest.put(c.name(), new SlurmRest(c));
            }
            return lab;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    String run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("slurm-lab", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("slurm-lab.sh " + String.join(" ", args) + " took over " + timeoutSeconds
                        + " s: " + Files.readString(out));
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) {
                throw new AssertionError("slurm-lab.sh " + String.join(" ", args) + " failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    void stopNode(String node) throws IOException, InterruptedException {
        run(60, "stop-node", node, "--dir", dir.toString());
    }

    void startNode(String node) throws IOException, InterruptedException {
        run(60, "start-node", node, "--dir", dir.toString());
    }

    /** Kills the slurmrestd of {@code cluster} (such as lab1): the cluster can no longer be reached. */
    void stopRestd(String cluster) throws IOException, InterruptedException {
        run(60, "stop-restd", cluster, "--dir", dir.toString());
    }

    void startRestd(String cluster) throws IOException, InterruptedException {
        run(60, "start-restd", cluster, "--dir", dir.toString());
    }

    /** The cluster a node of the lab belongs to: {@code lab1-r02-n3} is {@code lab1}'s. */
    SlurmRest restOf(String node) {
        return rest.get(node.substring(0, node.indexOf('-')));
    }

    /** A Slurm job and its cluster (Slurm's job ids are per cluster). */
    record LabJob(String cluster, long id, String name, String state, List<String> nodes) {
        String key() {
            return cluster + ":" + id;
        }
    }

    /** Every job of every cluster. */
    List<LabJob> jobs() throws IOException {
        List<LabJob> out = new ArrayList<>();
        for (Map.Entry<String, SlurmRest> e : rest.entrySet()) {
            for (SlurmRest.Job j : e.getValue().jobs()) {
                out.add(new LabJob(e.getKey(), j.id(), j.name(), j.state(), j.nodes()));
            }
        }
        return out;
    }

    /** Cancels every job still live and waits until every node is idle again. */
    void clear() throws InterruptedException {
        String[] last = {""};
        await(
                Duration.ofSeconds(60),
                "every node idle",
                () -> {
                    try {
                        StringBuilder busy = new StringBuilder();
                        for (SlurmRest r : rest.values()) {
                            for (SlurmRest.Job j : r.jobs()) {
                                if (j.state().equals("RUNNING") || j.state().equals("PENDING")) {
                                    try {
                                        r.signal(j.id(), null);
                                    } catch (IOException e) {
                                        busy.append(" job ")
                                                .append(j.id())
                                                .append(": ")
                                                .append(e.getMessage());
                                    }
                                }
                            }
                            for (SlurmRest.Node n : r.nodes()) {
                                if (!n.state().equals("idle")
                                        || n.flags().stream().anyMatch(f -> !f.equals("COMPLETING"))) {
                                    busy.append(' ')
                                            .append(n.name())
                                            .append('=')
                                            .append(n.state())
                                            .append(n.flags());
                                }
                            }
                        }
                        last[0] = busy.toString();
                        return busy.length() == 0;
                    } catch (IOException e) {
                        last[0] = e.getMessage();
                        return false;
                    }
                },
                () -> last[0]);
    }

    static void await(Duration limit, String what, BooleanSupplier done) throws InterruptedException {
        await(limit, what, done, () -> "");
    }

    static void await(Duration limit, String what, BooleanSupplier done, java.util.function.Supplier<String> why)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + " " + why.get());
            }
            Thread.sleep(250);
        }
    }
    /** Takes the lab down and checks that no process names its folder any more. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(120, "down", "--dir", dir.toString());
            Process p = new ProcessBuilder("pgrep", "-f", dir.toString())
                    .redirectErrorStream(true)
                    .start();
            String left = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            if (!left.isEmpty()) {
                throw new AssertionError("processes of the lab left after down: " + left);
            }
        } finally {
            LocalServer.delete(shared);
            LocalServer.delete(dir);
        }
    }
}
