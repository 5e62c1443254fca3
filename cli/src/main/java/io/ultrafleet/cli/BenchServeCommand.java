package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.ServeBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ultrafleet bench serve}: the live server's submission rate and latency over HTTP. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start a server in its own JVM on loopback with the default scenario's fleet and measure"
                + " durable submissions per second, their latency, time to start, the server's heap, and how long it"
                + " takes to come back after a kill -9 with every job of the run stored, and then to move the queue"
                + " of all its waiting jobs to another priority class.")
final class BenchServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "h2|postgres",
            defaultValue = "h2",
            description = "The embedded H2 (default) or an embedded PostgreSQL the benchmark starts.")
    String db;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "64", description = "Concurrent clients.")
    int clients;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Jobs to submit (1000000 for the million-job figure, which also measures GET latency).")
    int jobs;

    @Option(
            names = "--warmup",
            paramLabel = "SECONDS",
            defaultValue = "40",
            description = "Seconds of full load before the measured jobs, for the server's JIT to compile what it"
                    + " runs (0 to 600; its jobs stay queued beside the measured ones).")
    int warmup;

    @Option(names = "--server-heap", paramLabel = "SIZE", defaultValue = "2g", description = "The server's -Xmx.")
    String heap;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new BadFlagException("--db", db, "is neither h2 nor postgres");
        }
        if (clients < 1 || clients > 1024) {
            throw new BadFlagException("--clients", String.valueOf(clients), "is not from 1 to 1024");
        }
        if (jobs < 100 || jobs > 10_000_000) {
            throw new BadFlagException("--jobs", String.valueOf(jobs), "is not from 100 to 10,000,000");
        }
        if (warmup < 0 || warmup > 600) {
            throw new BadFlagException("--warmup", String.valueOf(warmup), "is not from 0 to 600 seconds");
        }
        ServeBenchmark.Result r = new ServeBenchmark(db, clients, jobs, heap, warmup).run();
        PrintWriter out = spec.commandLine().getOut();
        String line = String.format(
                Locale.ROOT,
                "{\"db\": \"%s\", \"clients\": %d, \"jobs\": %d, \"warmup_s\": %d, \"warmup_jobs\": %d,"
                        + " \"submits_per_s\": %.0f, \"submit_p50_ms\": %.2f,"
                        + " \"submit_p99_ms\": %.2f, \"start_p99_ms\": %.2f, \"server_peak_heap_mib\": %.0f,"
                        + " \"get_job_p99_ms\": %s, \"slurmrestd_submits_per_s\": %s, \"restart_jobs_stored\": %d,"
                        + " \"restart_listening_s\": %.2f, \"restart_first_start_s\": %.2f,"
                        + " \"reclass_waiting_jobs\": %d, \"reclass_answer_s\": %.2f, \"reclass_written_s\": %.2f,"
                        + " \"reclass_longest_commit_s\": %.2f, \"standby_read_s\": %s,"
                        + " \"standby_read_every_s\": %s, \"standby_cpu_cores\": %s, \"standby_peak_heap_mib\": %s,"
                        + " \"takeover_first_start_s\": %s}",
                r.db(),
                r.clients(),
                r.jobs(),
                r.warmupSeconds(),
                r.warmupJobs(),
                r.submitsPerS(),
                r.submitP50Ms(),
                r.submitP99Ms(),
                r.startP99Ms(),
                r.serverPeakHeapMib(),
                r.getJobP99Ms() == null ? "null" : String.format(Locale.ROOT, "%.2f", r.getJobP99Ms()),
                r.slurmrestdSubmitsPerS() == null
                        ? "null"
                        : String.format(Locale.ROOT, "%.0f", r.slurmrestdSubmitsPerS()),
                r.restart().jobsStored(),
                r.restart().listeningS(),
                r.restart().firstStartS(),
                r.reclass().waitingJobs(),
                r.reclass().answerS(),
                r.reclass().writtenS(),
                r.reclass().longestCommitS(),
                orNull(r.standby() == null ? null : r.standby().followReadS(), "%.2f"),
                orNull(r.standby() == null ? null : r.standby().followEveryS(), "%.2f"),
                orNull(r.standby() == null ? null : r.standby().cpuCores(), "%.2f"),
                orNull(r.standby() == null ? null : r.standby().peakHeapMib(), "%.0f"),
                orNull(r.standby() == null ? null : r.standby().takeoverFirstStartS(), "%.2f"));
        out.println(line);
        out.flush();
        return 0;
    }

    private static String orNull(Double v, String format) {
        return v == null ? "null" : String.format(Locale.ROOT, format, v);
    }
}
