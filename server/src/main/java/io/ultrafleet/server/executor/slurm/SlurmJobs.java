package io.ultrafleet.server.executor.slurm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultrafleet.server.executor.Dispatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a dispatch becomes in Slurm: a batch job named {@code uf-ID} (the comment says which run), on exactly the nodes
 * of the placement, whole nodes, with the declared run as its time limit; its script runs the job's command (or,
 * without one, sleeps for the declared run, so that placeholder jobs behave as the virtual executor's do).
 */
final class SlurmJobs {
    /** Runs at least this long in wall time get no time limit (Slurm's INFINITE). */
    static final long UNLIMITED_MS = 365L * 86_400_000L;

    /** The name of a Slurm job that carries an Ultrafleet job; its group 1 is the job's id. */
    static final Pattern OUR_NAME = Pattern.compile("uf-([0-9]{1,18})");

    /** Slurm job states in which the job may still run (or does). */
    private static final Set<String> LIVE = Set.of(
            "PENDING",
            "RUNNING",
            "CONFIGURING",
            "COMPLETING",
            "SUSPENDED",
            "REQUEUED",
            "RESIZING",
            "SIGNALING",
            "STAGE_OUT",
            "REQUEUE_HOLD",
            "REQUEUE_FED",
            "RESV_DEL_HOLD",
            "STOPPED");

    private SlurmJobs() {}

    /** Whether a Slurm job in {@code state} may still run, or does. */
    static boolean live(String state) {
        return LIVE.contains(state);
    }

    static String name(long jobId) {
        return "uf-" + jobId;
    }

    /** Says which run of which job, dispatched by which server ({@code instance}), a Slurm job is. */
    static String comment(Dispatch d, String instance) {
        return "ultrafleet job " + d.jobId() + " run " + d.run() + " server " + instance;
    }

    /** The declared run in wall milliseconds at the server's time scale. */
    static long wallRunMs(Dispatch d, double timeScale) {
        return (long) Math.ceil(d.runMs() / timeScale);
    }

    static String script(Dispatch d, String instance, double timeScale) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n# ")
                .append(comment(d, instance))
                .append('\n');
        List<String> command = d.command();
        if (command.isEmpty()) {
            long seconds = Math.max(1, (wallRunMs(d, timeScale) + 999) / 1000);
            s.append("exec sleep ").append(seconds).append('\n');
        } else {
            s.append("exec");
            for (String word : command) {
                s.append(' ').append(quote(word));
            }
            s.append('\n');
        }
        return s.toString();
    }

    static ObjectNode description(Dispatch d, String instance, SlurmSettings.Cluster cluster, double timeScale) {
        ObjectNode job = SlurmRest.object();
        job.put("name", name(d.jobId()));
        job.put("comment", comment(d, instance));
        if (cluster.partition() != null) {
            job.put("partition", cluster.partition());
        }
        job.put("nodes", Integer.toString(d.nodes().size()));
        job.put("nodelist", String.join(",", d.nodes()));
        job.put("exclusive", "exclusive");
        job.put("requeue", false);
        long wall = wallRunMs(d, timeScale);
        if (wall < UNLIMITED_MS) {
            job.put("time_limit", (int) Math.min(Integer.MAX_VALUE, (wall + 59_999) / 60_000 + 1));
        }
        job.put("current_working_directory", "/tmp");
        job.put("standard_output", d.env().getOrDefault("ULTRAFLEET_OUTPUT", "/dev/null"));
        ObjectNode env = job.putObject("environment");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (Map.Entry<String, String> e : d.env().entrySet()) {
            env.put(e.getKey(), e.getValue());
        }
        env.put("ULTRAFLEET_JOB_ID", Long.toString(d.jobId()));
        env.put("ULTRAFLEET_RUN", Integer.toString(d.run()));
        env.put("ULTRAFLEET_NODES", String.join(",", d.nodes()));
        return job;
    }

    /** The exit code in Slurm's wait status: the code, or 128 + the signal that ended it. */
    static int exitCode(int status) {
        int signal = status & 0x7f;
        return signal != 0 ? 128 + signal : (status >> 8) & 0xff;
    }

    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
