package io.ultrafleet.cli;

import io.ultrafleet.spec.FieldOverride;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The runs of a sweep or of replications as one Slurm array job, one task per run, on the cluster the usual Slurm
 * environment names ({@code SLURM_CONF}, and {@code SBATCH_*} for sbatch's options such as the partition). Each task
 * runs {@code ultrafleet slurm-task} of this same jar (or class path), which builds its scenario exactly as the local
 * run does and writes the run's files into its run directory; this side waits for every task, then the caller writes
 * the report as after a local run. The tasks' folder ({@code .slurm} in the staged output) must be on a file system
 * the cluster's nodes share with this machine.
 */
final class SlurmArray {
    /** One run: the override of the sweep (or none), its seed and end, the text kept as its scenario.yaml. */
    record Task(FieldOverride override, long seed, long endMs, String yaml, Path dir, String name) {}

    static final String WORK = ".slurm";
    private static final long POLL_MS = 1_000;
    /**
     * Times a task is submitted at most when it ends without finishing its run (its node lost, cancelled, timed out):
     * such a loss is the cluster's, and the run gives the same figures wherever it runs. A task whose run failed (a
     * non-zero exit) is not submitted again: the same run fails the same way.
     */
    static final int ATTEMPTS = 3;

    private SlurmArray() {}

    /**
     * Writes the tasks' descriptions into {@code staged/.slurm}, submits the array job, waits until every task has
     * ended and removes the folder; a stop asked for cancels the array job.
     *
     * @param maxRunning at most this many tasks run at once (sbatch's {@code %K}), or 0 for as many as Slurm can
     * @throws SlurmRunException when sbatch refuses the job, or a task fails or is lost too often, with its log's last
     *     lines
     */
    static void run(
            ScenarioSource source, List<Task> tasks, int maxRunning, Path staged, PrintWriter err, StopSignal stop)
            throws IOException {
        Path work = staged.toAbsolutePath().resolve(WORK);
        Files.createDirectories(work);
        Files.writeString(work.resolve("source.yaml"), source.yaml(), StandardCharsets.UTF_8);
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            Properties p = new Properties();
            p.setProperty("source", source.name());
            p.setProperty("seed", Long.toString(t.seed()));
            p.setProperty("endMs", Long.toString(t.endMs()));
            p.setProperty("dir", t.dir().toAbsolutePath().toString());
            p.setProperty("name", t.name());
            if (t.override() != null) {
                p.setProperty("override.path", t.override().path());
                p.setProperty("override.value", t.override().value());
            }
            try (var w = Files.newBufferedWriter(work.resolve("task-" + i + ".properties"), StandardCharsets.UTF_8)) {
                p.store(w, "one run of an ultrafleet array job");
            }
            Files.writeString(work.resolve("task-" + i + ".yaml"), t.yaml(), StandardCharsets.UTF_8);
        }
        Path script = work.resolve("run-task.sh");
        Files.writeString(script, script(work), StandardCharsets.UTF_8);
        script.toFile().setExecutable(true, false);
        String id = submit(work, script, "0-" + (tasks.size() - 1) + (maxRunning > 0 ? "%" + maxRunning : ""));
        err.printf(
                "submitted Slurm array job %s: %d tasks%s%n",
                id, tasks.size(), maxRunning > 0 ? ", at most " + maxRunning + " at once" : "");
        err.flush();
        List<String> ids = new ArrayList<>(List.of(id));
        try {
            await(ids, work, script, tasks, maxRunning, err, stop);
        } catch (RuntimeException | IOException e) {
            for (String j : ids) {
                cancel(j);
            }
            throw e;
        }
        deleteTree(work);
    }

    /**
     * The batch script of every task: the task's run, then its exit status into {@code task-N.exit}, unless a signal
     * stopped it.
     */
    private static String script(Path work) throws IOException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-XX:+UseParallelGC");
        String opts = System.getenv("ULTRAFLEET_JAVA_OPTS");
        if (opts == null || !(opts.contains("-Xmx") || opts.contains("-Xmn") || opts.contains("NewSize"))) {
            java.add("-XX:MaxNewSize=256m");
        }
        if (opts != null && !opts.isBlank()) {
            java.addAll(List.of(opts.strip().split("\\s+")));
        }
        Path self = codeSource();
        if (Files.isRegularFile(self)) {
            Path jar = work.resolve("ultrafleet.jar");
            Files.copy(self, jar, StandardCopyOption.REPLACE_EXISTING);
            java.add("-jar");
            java.add(jar.toString());
        } else {
            java.add("-cp");
            java.add(System.getProperty("java.class.path"));
            java.add(Main.class.getName());
        }
        java.add(SlurmTaskCommand.NAME);
        java.add(work.toString());
        StringBuilder s = new StringBuilder("#!/bin/bash\n# One run of an ultrafleet sweep or replications.\n");
        for (String w : java) {
            s.append(SlurmTaskCommand.quote(w)).append(' ');
        }
        s.append("\"$SLURM_ARRAY_TASK_ID\"\n");
        // a run stopped by a signal (cancelled, timed out: a status above 128) did not finish, and leaves no status
        s.append("code=$?\n");
        s.append("if [ \"$code\" -lt 128 ]; then echo \"$code\" > ")
                .append(SlurmTaskCommand.quote(work.toString()))
                .append("/task-\"$SLURM_ARRAY_TASK_ID\".exit; fi\n");
        return s.toString();
    }

    private static Path codeSource() {
        try {
            return Path.of(SlurmArray.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("");
        }
    }

    /** Submits the tasks {@code indices} (sbatch's {@code --array} syntax) of the script; returns the job's id. */
    private static String submit(Path work, Path script, String indices) throws IOException {
        Result r = command(
                "sbatch",
                "--parsable",
                "--array=" + indices,
                "--job-name=ultrafleet-runs",
                "--chdir=" + work,
                "--output=" + work.resolve("task-%a.log"),
                script.toString());
        if (r.code != 0) {
            throw new SlurmRunException("sbatch refused the array job: " + r.output.strip());
        }
        String id = r.output.strip().split("[;\\s]")[0];
        if (!id.matches("[0-9]+")) {
            throw new SlurmRunException("sbatch gave no job id: " + r.output.strip());
        }
        return id;
    }

    /**
     * Waits until every task has ended well. A task that ends without finishing its run (lost: see {@link ArrayTasks})
     * is submitted again, as a job of its own added to {@code ids} (with the same limit of tasks at once), until it has
     * been submitted {@link #ATTEMPTS} times.
     */
    private static void await(
            List<String> ids,
            Path work,
            Path script,
            List<Task> tasks,
            int maxRunning,
            PrintWriter err,
            StopSignal stop)
            throws IOException {
        int n = tasks.size();
        boolean[] done = new boolean[n];
        int[] attempts = new int[n];
        Arrays.fill(attempts, 1);
        ArrayTasks watch = new ArrayTasks(n, ids.get(0));
        Set<String> left = new HashSet<>(); // jobs gone from the queue
        int count = 0;
        long t0 = System.nanoTime();
        while (true) {
            stop.check();
            // the queue first, then the exit statuses: a task the queue no longer lists has written its status by then,
            // or is lost
            Map<String, Set<Integer>> listing = new HashMap<>();
            for (String id : ids) {
                if (!left.contains(id)) {
                    Set<Integer> listed = queuedTasks(id);
                    if (listed != null && listed.isEmpty()) {
                        left.add(id);
                    } else if (listed != null) {
                        listing.put(id, listed);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                Path exit = work.resolve("task-" + i + ".exit");
                if (done[i] || !Files.isRegularFile(exit)) {
                    continue;
                }
                String code = Files.readString(exit).strip();
                if (code.isEmpty()) {
                    continue; // being written
                }
                done[i] = true;
                count++;
                if (!code.equals("0")) {
                    throw new SlurmRunException("Slurm task " + i + " ("
                            + tasks.get(i).name() + ") failed with exit code " + code + ": "
                            + tail(work.resolve("task-" + i + ".log")));
                }
                err.printf(
                        "  %s done after %.1f s (%d of %d)%n",
                        tasks.get(i).name(), (System.nanoTime() - t0) / 1e9, count, n);
                err.flush();
            }
            if (count == n) {
                return;
            }
            boolean[] waiting = new boolean[n];
            boolean[] listed = new boolean[n];
            Boolean[] inQueue = new Boolean[n];
            for (int i = 0; i < n; i++) {
                waiting[i] = !done[i] && !Files.isRegularFile(work.resolve("task-" + i + ".exit"));
                String job = watch.jobOf(i);
                if (left.contains(job)) {
                    inQueue[i] = false;
                } else if (listing.containsKey(job)) {
                    inQueue[i] = true;
                    listed[i] = listing.get(job).contains(i);
                }
            }
            List<Integer> lost = watch.lost(System.currentTimeMillis(), waiting, listed, inQueue);
            if (!lost.isEmpty()) {
                for (int i : lost) {
                    if (attempts[i] >= ATTEMPTS) {
                        throw new SlurmRunException("Slurm task " + i + " ("
                                + tasks.get(i).name()
                                + ") ended without finishing its run " + attempts[i] + " times (cancelled, timed"
                                + " out or its node failed), the last in job " + watch.jobOf(i) + ": "
                                + tail(work.resolve("task-" + i + ".log")));
                    }
                }
                for (int i : lost) {
                    attempts[i]++;
                }
                String again = submit(work, script, arraySpec(lost, maxRunning));
                ids.add(again);
                watch.resubmitted(lost, again);
                for (int i : lost) {
                    err.printf(
                            "  %s ended without finishing its run (cancelled, timed out or its node failed):"
                                    + " submitted again as job %s (attempt %d of %d)%n",
                            tasks.get(i).name(), again, attempts[i], ATTEMPTS);
                }
                err.flush();
                continue;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StopSignal.Stopped();
            }
        }
    }

    /**
     * The {@code --array} value of a submission of the tasks {@code indices}: the indices, comma-separated, and with
     * {@code %maxRunning} when there are more tasks than may run at once (0: no limit).
     */
    static String arraySpec(List<Integer> indices, int maxRunning) {
        StringBuilder s = new StringBuilder();
        for (int i : indices) {
            s.append(s.length() == 0 ? "" : ",").append(i);
        }
        if (maxRunning > 0 && indices.size() > maxRunning) {
            s.append('%').append(maxRunning);
        }
        return s.toString();
    }

    /**
     * The tasks of array job {@code id} in Slurm's queue, pending or running: empty once the job has left it (squeue
     * lists nothing or no longer knows the id), null when squeue cannot tell (ask again).
     */
    private static Set<Integer> queuedTasks(String id) throws IOException {
        Result q = command("squeue", "-h", "-r", "-j", id, "-o", "%i");
        if ((q.code == 0 && q.output.isBlank()) || q.output.contains("Invalid job id")) {
            return Set.of();
        }
        if (q.code != 0) {
            return null;
        }
        Set<Integer> tasks = ArrayTasks.tasksIn(q.output);
        return tasks.isEmpty() ? null : tasks;
    }

    private static void cancel(String id) {
        try {
            command("scancel", id);
        } catch (IOException | RuntimeException e) {
            // the array job may run on; its id was printed
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? "its log " + log + " is empty"
                    : String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "no log at " + log;
        }
    }

    private record Result(int code, String output) {}

    private static Result command(String... args) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(args).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SlurmRunException("--slurm needs Slurm's " + args[0] + " on the PATH (and SLURM_CONF naming"
                    + " the cluster when it is not the default one): " + e.getMessage());
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SlurmRunException(args[0] + " did not answer within 60 s");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StopSignal.Stopped();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
