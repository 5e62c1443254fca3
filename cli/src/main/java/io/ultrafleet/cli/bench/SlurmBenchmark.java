package io.ultrafleet.cli.bench;

import io.ultrafleet.server.executor.slurm.SlurmRest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code bench slurm}: one gang workload (jobs of one rack, two racks and a whole block, with seeded arrivals and run
 * times) run twice on a Slurm lab of its own: through Ultrafleet ({@code serve} on the lab's file, jobs submitted over
 * its API, each start dispatched to Slurm on the nodes the core chose) and submitted straight to slurmrestd, placed
 * by Slurm itself (no node list, the lab's default topology handling: none). For each side: the time from
 * submission until slurmrestd reports the job running, and the share of gangs whose nodes all lie in one block.
 *
 * <p>Under load, a gang's wait is mostly the placement rule: Ultrafleet waits for room in one block, Slurm starts a
 * gang on any free nodes. So each side then runs {@link #IDLE_JOBS} jobs of the same mix one at a time on the idle
 * lab, each submitted once the last has ended: there every job fits at once, and the difference of the two sides is
 * what going through Ultrafleet adds (its API, its cycle, its dispatch) to Slurm's own submit-to-running.
 */
public final class SlurmBenchmark {
    /** The lab: one cluster of 2 blocks of 4 racks of 4 nodes of 4 GPUs (32 nodes, 128 GPUs). */
    static final int RACKS = 8;

    static final int RACKS_PER_BLOCK = 4;
    static final int NODES_PER_RACK = 4;
    static final int GPUS_PER_NODE = 4;
    /** The share of the lab's node-seconds the arrivals ask for. */
    static final double LOAD = 0.6;
    /** Run times are drawn from this range, in seconds. */
    static final int MIN_RUN_S = 5;

    static final int MAX_RUN_S = 15;
    /** The longest a side may take beyond its last arrival. */
    static final long DRAIN_S = 240;

    /** One job of the workload: when it arrives (seconds after the first), how many nodes, how long it runs. */
    record Job(double arrivalS, int nodes, int runS) {}

    /** Jobs run one at a time on the idle lab, per side. */
    static final int IDLE_JOBS = 20;

    /** What one side measured: under the workload, and one job at a time on the idle lab. */
    public record Side(
            double p50S,
            double p99S,
            double inOneBlockPct,
            double blockSizedInOneBlockPct,
            double idleP50S,
            double idleP99S) {
        Side withIdle(double[] idle) {
            return new Side(
                    p50S, p99S, inOneBlockPct, blockSizedInOneBlockPct, percentile(idle, 0.50), percentile(idle, 0.99));
        }
    }

    /** Both sides. */
    public record Result(int jobs, Side ultrafleet, Side slurm) {}

    private final int jobs;
    private final int portBase;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public SlurmBenchmark(int jobs, int portBase) {
        this.jobs = jobs;
        this.portBase = portBase;
    }

    /** The seeded workload: half one-rack jobs, 30 % two-rack jobs, 20 % whole blocks, Poisson arrivals at LOAD. */
    static List<Job> workload(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double meanNodes = NODES_PER_RACK * (0.5 * 1 + 0.3 * 2 + 0.2 * RACKS_PER_BLOCK);
        double meanRun = (MIN_RUN_S + MAX_RUN_S) / 2.0;
        double meanGap = meanNodes * meanRun / (LOAD * RACKS * NODES_PER_RACK);
        List<Job> out = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int racks = u < 0.5 ? 1 : u < 0.8 ? 2 : RACKS_PER_BLOCK;
            out.add(new Job(t, racks * NODES_PER_RACK, MIN_RUN_S + r.nextInt(MAX_RUN_S - MIN_RUN_S + 1)));
            t += -meanGap * Math.log(1 - r.nextDouble());
        }
        return out;
    }

    public Result run() throws Exception {
        List<Job> work = workload(jobs, 1);
        try (SlurmBenchLab lab = SlurmBenchLab.up(
                portBase,
                List.of(
                        "--clusters", "1",
                        "--racks", "" + RACKS,
                        "--racks-per-block", "" + RACKS_PER_BLOCK,
                        "--nodes-per-rack", "" + NODES_PER_RACK,
                        "--gpus-per-node", "" + GPUS_PER_NODE))) {
            Side slurm = side(lab, work, this::submitToSlurm, j -> j.name().startsWith("bench-slurm-"), "slurm");
            lab.clear();
            slurm = slurm.withIdle(idle(lab, this::submitToSlurm, work.size()));
            lab.clear();
            String base = lab.startServer();
            Side ultrafleet;
            try {
                ultrafleet = side(
                        lab,
                        work,
                        (l, i, j) -> submitToUltrafleet(base, j),
                        j -> j.name().startsWith("uf-"),
                        "uf");
                lab.clear();
                ultrafleet = ultrafleet.withIdle(idle(lab, (l, i, j) -> submitToUltrafleet(base, j), work.size()));
            } finally {
                lab.stopServer();
            }
            lab.clear();
            return new Result(jobs, ultrafleet, slurm);
        }
    }

    /** Submits one job; returns the name its Slurm job will carry. */
    private interface Submitter {
        String submit(SlurmBenchLab lab, int index, Job job) throws IOException, InterruptedException;
    }

    private String submitToSlurm(SlurmBenchLab lab, int index, Job job) throws IOException {
        String name = "bench-slurm-" + index;
        var d = SlurmRest.object();
        d.put("name", name);
        d.put("nodes", Integer.toString(job.nodes()));
        d.put("exclusive", "exclusive");
        d.put("requeue", false);
        d.put("time_limit", 1 + job.runS() / 60 + 1);
        d.put("current_working_directory", "/tmp");
        d.put("standard_output", "/dev/null");
        d.putObject("environment").put("PATH", "/usr/local/bin:/usr/bin:/bin");
        lab.rest.submit("#!/bin/bash\nexec sleep " + job.runS() + "\n", d);
        return name;
    }

    private String submitToUltrafleet(String base, Job job) throws IOException, InterruptedException {
        String body = "{\"queue\": \"lab/default\", \"gpus\": " + job.nodes() * GPUS_PER_NODE + ", \"duration\": \""
                + job.runS() + "s\"}";
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
                        .header("Authorization", "Bearer " + SlurmBenchLab.ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200 && r.statusCode() != 202) {
            throw new IllegalStateException("the server refused a job (HTTP " + r.statusCode() + "): " + r.body());
        }
        String id = r.body().replaceAll("(?s).*?\"id\":\\s*(\\d+).*", "$1");
        return "uf-" + id;
    }

    /**
     * Runs the workload on one side: a thread submits each job at its arrival time, this one asks slurmrestd for the
     * jobs every 100 ms and notes when each is first seen running, and on which nodes.
     */
    private Side side(
            SlurmBenchLab lab,
            List<Job> work,
            Submitter submitter,
            java.util.function.Predicate<SlurmRest.Job> ours,
            String label)
            throws Exception {
        Map<String, Long> submitted = new ConcurrentHashMap<>();
        Map<String, Integer> indexOf = new ConcurrentHashMap<>();
        Throwable[] failure = {null};
        long t0 = System.nanoTime();
        Thread submit = new Thread(
                () -> {
                    try {
                        for (int i = 0; i < work.size(); i++) {
                            long at = t0 + (long) (work.get(i).arrivalS() * 1e9);
                            long wait = at - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            long s = System.nanoTime();
                            String name = submitter.submit(lab, i, work.get(i));
                            submitted.put(name, s);
                            indexOf.put(name, i);
                        }
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                },
                "bench-slurm-submit-" + label);
        submit.setDaemon(true);
        submit.start();
        double[] latency = new double[work.size()];
        List<List<String>> nodes = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            nodes.add(null);
        }
        int seen = 0;
        long deadline = t0 + (long) ((work.get(work.size() - 1).arrivalS() + DRAIN_S) * 1e9);
        while (seen < work.size()) {
            if (failure[0] != null) {
                throw new IllegalStateException(
                        "submitting to " + label + " failed: " + failure[0].getMessage(), failure[0]);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((work.size() - seen) + " of " + work.size() + " jobs were not running "
                        + DRAIN_S + " s after the last arrival (" + label + " side)");
            }
            long now = System.nanoTime();
            for (SlurmRest.Job j : lab.rest.jobs()) {
                Integer i = indexOf.get(j.name());
                if (i == null
                        || !ours.test(j)
                        || nodes.get(i) != null
                        || !j.state().equals("RUNNING")) {
                    continue;
                }
                nodes.set(i, j.nodes());
                latency[i] = (now - submitted.get(j.name())) / 1e9;
                seen++;
            }
            Thread.sleep(100);
        }
        submit.join();
        return summarize(work, latency, nodes, lab.blockOf::get);
    }

    /**
     * Submit-to-running of {@link #IDLE_JOBS} short jobs of the workload's mix, one at a time on the idle lab, each
     * once the one before has ended, in seconds.
     */
    private double[] idle(SlurmBenchLab lab, Submitter submitter, int firstIndex) throws Exception {
        List<Job> mix = workload(IDLE_JOBS, 2);
        double[] out = new double[IDLE_JOBS];
        for (int i = 0; i < IDLE_JOBS; i++) {
            Job job = new Job(0, mix.get(i).nodes(), 2);
            long s = System.nanoTime();
            String name = submitter.submit(lab, firstIndex + i, job);
            long deadline = s + 60_000_000_000L;
            boolean running = false;
            boolean ended = false;
            while (!ended) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + name + " on the idle lab did not run and end in 60 s");
                }
                long now = System.nanoTime();
                boolean seen = false;
                for (SlurmRest.Job j : lab.rest.jobs()) {
                    if (!j.name().equals(name)) {
                        continue;
                    }
                    if (j.state().equals("RUNNING")
                            || j.state().equals("COMPLETING")
                            || j.state().equals("COMPLETED")) {
                        if (!running) {
                            out[i] = (now - s) / 1e9;
                            running = true;
                        }
                    }
                    seen |= j.state().equals("RUNNING")
                            || j.state().equals("PENDING")
                            || j.state().equals("CONFIGURING")
                            || j.state().equals("COMPLETING");
                }
                ended = running && !seen;
                Thread.sleep(running ? 200 : 20);
            }
        }
        return out;
    }

    static Side summarize(List<Job> work, double[] latency, List<List<String>> nodes, Function<String, String> block) {
        int one = 0;
        int blockSized = 0;
        int blockSizedOne = 0;
        for (int i = 0; i < work.size(); i++) {
            Set<String> blocks = new HashSet<>();
            for (String n : nodes.get(i)) {
                blocks.add(String.valueOf(block.apply(n)));
            }
            boolean inOne = blocks.size() == 1;
            one += inOne ? 1 : 0;
            if (work.get(i).nodes() == RACKS_PER_BLOCK * NODES_PER_RACK) {
                blockSized++;
                blockSizedOne += inOne ? 1 : 0;
            }
        }
        return new Side(
                percentile(latency, 0.50),
                percentile(latency, 0.99),
                100.0 * one / work.size(),
                blockSized == 0 ? Double.NaN : 100.0 * blockSizedOne / blockSized,
                Double.NaN,
                Double.NaN);
    }

    /** The value at quantile {@code q} (nearest rank). */
    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(s.length * q) - 1)];
    }
}
