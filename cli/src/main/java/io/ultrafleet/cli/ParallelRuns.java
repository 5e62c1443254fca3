package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.report.Reports;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.run.TwinRun;
import io.ultrafleet.twin.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs several scenarios at once, as many at a time as there are cores, and writes each into its own run directory
 * as soon as it ends, so only the runs in flight are held in memory. Used by replications and sweeps.
 */
final class ParallelRuns {
    /** One run to make: the scenario, the text to keep as its scenario.yaml, and its directory. */
    record Task(Scenario scenario, String yaml, Path dir, String name) {}

    private ParallelRuns() {}

    /** How many runs go at once for {@code tasks} runs. */
    static int threads(int tasks) {
        return Math.max(1, Math.min(tasks, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs every task and writes its directory; a line goes to {@code err} as each run ends. A stop asked for, or a
     * run that fails, ends the other runs at their next report of progress.
     */
    static void run(List<Task> tasks, PrintWriter err, StopSignal stop) {
        int threads = threads(tasks.size());
        err.printf("running %d simulations, %d at a time%n", tasks.size(), threads);
        err.flush();
        AtomicBoolean failed = new AtomicBoolean();
        Simulation.ProgressListener check = (now, events) -> {
            stop.check();
            if (failed.get()) {
                throw new StopSignal.Stopped();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ultrafleet-run");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    try {
                        if (failed.get()) {
                            return null;
                        }
                        stop.check();
                        long t0 = System.nanoTime();
                        TwinRun run = new TwinRun(task.scenario(), HardwareCatalogue.builtIn());
                        run.onProgress(check);
                        RunResult result = run.run();
                        Reports.writeRun(result, task.yaml(), task.dir());
                        synchronized (err) {
                            err.printf(
                                    "  %s done in %.1f s (%d of %d)%n",
                                    task.name(), (System.nanoTime() - t0) / 1e9, done.incrementAndGet(), tasks.size());
                            err.flush();
                        }
                        return null;
                    } catch (Throwable t) {
                        failed.set(true);
                        throw t;
                    }
                }));
            }
            Throwable first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (first == null || first instanceof StopSignal.Stopped) {
                        first = cause;
                    }
                }
            }
            stop.check();
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first instanceof Error er) {
                throw er;
            }
            if (first instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopSignal.Stopped();
        } finally {
            pool.shutdownNow();
        }
    }
}
