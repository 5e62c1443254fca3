package io.ultrafleet.cli.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench serve}: a server in a JVM of its own on loopback, with the default scenario's fleet as it is once
 * delivered, driven over HTTP from this JVM by concurrent clients. It measures durable submissions per second and
 * their latency, the time from submission to running for jobs that fit free capacity, the server's peak heap, and
 * optionally the same submission rate against a local slurmrestd; then a restart after a {@code kill -9}, and on
 * PostgreSQL a standby beside the restarted leader, until it takes over ({@link StandbyMeasure}).
 */
public final class ServeBenchmark {
    /** What one run measured; {@code warmupJobs} were submitted before the measured {@code jobs}. */
    public record Result(
            String db,
            int clients,
            int jobs,
            int warmupSeconds,
            int warmupJobs,
            double submitsPerS,
            double submitP50Ms,
            double submitP99Ms,
            double startP99Ms,
            double serverPeakHeapMib,
            Double getJobP99Ms,
            Double slurmrestdSubmitsPerS,
            Restart restart,
            ReclassMeasure.Reclass reclass,
            StandbyMeasure.Standby standby) {}

    /**
     * A restart after a {@code kill -9} with every job of the run in the database: seconds from the kill until the new
     * server listens, and until a job it is sent then (one that fits free capacity) is running, which needs the state
     * rebuilt from the database and a scheduling turn.
     */
    public record Restart(int jobsStored, double listeningS, double firstStartS) {}

    private static final String ADMIN = "bench-serve-admin-token-0123456789";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");

    private final String db;
    private final int clients;
    private final int jobs;
    private final String serverHeap;
    private final int warmupSeconds;
    private volatile double peakHeapBytes;

    public ServeBenchmark(String db, int clients, int jobs, String serverHeap, int warmupSeconds) {
        this.db = db;
        this.clients = clients;
        this.jobs = jobs;
        this.serverHeap = serverHeap;
        this.warmupSeconds = warmupSeconds;
    }

    public Result run() throws Exception {
        Path data = Files.createTempDirectory("ultrafleet-bench-serve-");
        Path standbyData = Files.createTempDirectory("ultrafleet-bench-standby-");
        EmbeddedPostgres pg = db.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        Process server = null;
        Process standby = null;
        try {
            List<String> cmd = new ArrayList<>(
                    List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + serverHeap));
            String extra = System.getenv("ULTRAFLEET_BENCH_SERVER_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.strip().split("\\s+")));
            }
            cmd.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.ultrafleet.cli.Main",
                    "serve",
                    "--data",
                    data.toString(),
                    "--port",
                    "0",
                    "--start",
                    "2027-01-01",
                    "--rate-limit",
                    "10000000",
                    // the benchmark measures the server past its default limits: a million jobs and the warm-up's
                    "--max-live-jobs",
                    "1000000000"));
            if (pg != null) {
                cmd.add("--db");
                cmd.add(pg.getJdbcUrl("postgres", "postgres"));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ULTRAFLEET_ADMIN_TOKEN", ADMIN);
            server = pb.start();
            int port = port(server);
            Thread heapWatch = new Thread(() -> watchHeap(port), "bench-heap");
            heapWatch.setDaemon(true);
            heapWatch.start();
            // warm up: the JIT and the database's caches
            int firstJobs = submitAll(port, Math.min(2_000, jobs), "30d", null, Long.MAX_VALUE);
            // time to start while the queue's quota has room; then, before the measured run, full load for
            // warmupSeconds: on two cores the JIT's compiler competes with the load, and the submission path is
            // compiled only after some 100,000 requests (a server that has run for a minute is measured, not one
            // still starting)
            double[] starts = startLatencies(port, 200);
            int warmupJobs = warmupSeconds == 0
                    ? 0
                    : submitAll(
                            port, Integer.MAX_VALUE, "30d", null, System.nanoTime() + warmupSeconds * 1_000_000_000L);
            long[] latencies = new long[jobs];
            long t0 = System.nanoTime();
            submitAll(port, jobs, "30d", latencies, Long.MAX_VALUE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(latencies);
            Double getP99 = jobs >= 100_000 ? getLatencyP99(port, 2_000, jobs) : null;
            Double slurm = SlurmRestRate.measure(clients, 2_000);
            int stored = firstJobs + starts.length + warmupJobs + jobs;
            long killed = System.nanoTime();
            server.destroyForcibly();
            server.waitFor();
            server = pb.start();
            int restarted = port(server);
            Restart restart = restartTimes(restarted, killed, stored);
            ReclassMeasure.Reclass reclass = ReclassMeasure.measure(restarted, ADMIN, "training");
            StandbyMeasure.Standby follower = null;
            if (pg != null) {
                List<String> standbyCmd = new ArrayList<>(cmd);
                standbyCmd.set(standbyCmd.indexOf(data.toString()), standbyData.toString());
                ProcessBuilder sb = new ProcessBuilder(standbyCmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                sb.environment().put("ULTRAFLEET_ADMIN_TOKEN", ADMIN);
                standby = sb.start();
                follower = StandbyMeasure.measure(port(standby), standby, server);
            }
            return new Result(
                    db,
                    clients,
                    jobs,
                    warmupSeconds,
                    warmupJobs,
                    jobs / seconds,
                    latencies[(int) (latencies.length * 0.50)] / 1e6,
                    latencies[(int) Math.min(latencies.length - 1, latencies.length * 0.99)] / 1e6,
                    percentile(starts, 0.99),
                    peakHeapBytes / (1 << 20),
                    getP99,
                    slurm,
                    restart,
                    reclass,
                    follower);
        } finally {
            stop(standby);
            stop(server);
            if (pg != null) {
                pg.close();
            }
            deleteTree(data);
            deleteTree(standbyData);
        }
    }

    private static void stop(Process server) throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static Restart restartTimes(int port, long killed, int stored) throws IOException, InterruptedException {
        double listening = (System.nanoTime() - killed) / 1e9;
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            probeUntilRunning(http, killed, "the restarted server");
        }
        return new Restart(stored, listening, (System.nanoTime() - killed) / 1e9);
    }

    /**
     * Sends {@code server} a job that fits free capacity and waits until it runs; gives up ten minutes after {@code
     * since} (a {@link System#nanoTime()}).
     */
    static void probeUntilRunning(KeepAliveClient http, long since, String server)
            throws IOException, InterruptedException {
        String body = "{\"queue\":\"posttrain/rl\",\"gpus\":8,\"duration\":\"1m\","
                + "\"command\":[\"python\",\"probe.py\"]}";
        KeepAliveClient.Answer r =
                http.send("POST", "/v1/jobs", body, "Authorization: Bearer " + ADMIN, "Content-Type: application/json");
        if (r.status() != 201) {
            throw new IllegalStateException(server + " refused a job: " + r.status() + " " + r.body());
        }
        String id = r.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        for (String seen = get(http, "/v1/jobs/" + id).body();
                seen.contains("\"state\":\"queued\"");
                seen = get(http, "/v1/jobs/" + id).body()) {
            if (System.nanoTime() - since > 600_000_000_000L) {
                throw new IllegalStateException("job " + id + " did not start on " + server + " within 10 minutes");
            }
            Thread.sleep(5);
        }
    }

    static int port(Process server) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + 120_000_000_000L;
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
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

    private void watchHeap(int port) {
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            while (true) {
                double used = 0;
                Matcher m = HEAP.matcher(http.send("GET", "/metrics", null).body());
                while (m.find()) {
                    used += Double.parseDouble(m.group(1));
                }
                peakHeapBytes = Math.max(peakHeapBytes, used);
                Thread.sleep(250);
            }
        } catch (IOException e) {
            // the server is gone: the run is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String body(String duration) {
        return "{\"queue\":\"research/adhoc\",\"gpus\":8,\"duration\":\"" + duration + "\","
                + "\"command\":[\"python\",\"train.py\"]}";
    }

    private static KeepAliveClient.Answer submit(KeepAliveClient c, String duration, String key) throws IOException {
        return c.send(
                "POST",
                "/v1/jobs",
                body(duration),
                "Authorization: Bearer " + ADMIN,
                "Content-Type: application/json",
                "Idempotency-Key: " + key);
    }

    private static KeepAliveClient.Answer get(KeepAliveClient c, String target) throws IOException {
        return c.send("GET", target, null, "Authorization: Bearer " + ADMIN);
    }

    /**
     * {@code n} submissions from the clients at once, each client on a connection of its own; their latencies into
     * {@code latencies} when given.
     */
    private int submitAll(int port, int n, String duration, long[] latencies, long untilNanos)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        String run = Long.toString(System.nanoTime(), 36);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (KeepAliveClient http = new KeepAliveClient(port)) {
                    for (int i = next.getAndIncrement();
                            i < n && System.nanoTime() < untilNanos;
                            i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        KeepAliveClient.Answer r = submit(http, duration, run + "-" + i);
                        if (r.status() != 201) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, r.status() + " " + r.body());
                        } else {
                            made.incrementAndGet();
                        }
                        if (latencies != null) {
                            latencies[i] = System.nanoTime() - s;
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.getMessage());
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " submissions failed, the first: " + firstFailure.get());
        }
        return made.get();
    }

    /** Submission to running, one job at a time, for jobs that fit free capacity: milliseconds each. */
    private double[] startLatencies(int port, int n) throws IOException, InterruptedException {
        double[] out = new double[n];
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                KeepAliveClient.Answer r = submit(http, "1m", "start-" + i + "-" + s);
                String id = r.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
                for (String seen = get(http, "/v1/jobs/" + id).body();
                        seen.contains("\"state\":\"queued\"");
                        seen = get(http, "/v1/jobs/" + id).body()) {
                    if (System.nanoTime() - s > 30_000_000_000L) {
                        throw new IllegalStateException("job " + id + " did not start within 30 s: " + seen
                                + get(http, "/v1/queues").body());
                    }
                    Thread.sleep(1);
                }
                out[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        return out;
    }

    private double getLatencyP99(int port, int n, int maxId) throws IOException {
        double[] out = new double[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        try (KeepAliveClient http = new KeepAliveClient(port)) {
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                get(http, "/v1/jobs/" + (1 + rnd.nextInt(maxId)));
                out[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        return percentile(out, 0.99);
    }

    private static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(s.length * q))];
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
