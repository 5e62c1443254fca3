package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.report.Reports;
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

    /** Runs every task and writes its directory; progress lines go to {@code err}. */
    static void run(List<Task> tasks, PrintWriter err) {
        int threads = threads(tasks.size());
        err.printf("running %d simulations, %d at a time%n", tasks.size(), threads);
        err.flush();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ultrafleet-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    RunResult result = new TwinRun(task.scenario(), HardwareCatalogue.builtIn()).run();
                    try {
                        Reports.writeRun(result, task.yaml(), task.dir());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    synchronized (err) {
                        err.printf("  %s done in %.1f s%n", task.name(), (System.nanoTime() - t0) / 1e9);
                        err.flush();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
