package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.fleet.CpuPools;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.serving.InferenceFleet;
import io.ultrafleet.twin.serving.SeriesWindow;
import io.ultrafleet.workload.Job;
import java.util.Arrays;
import java.util.Collection;

/**
 * Takes the run's time-series rows, one per step: GPU means over the step, counts at its end, the serving and agent
 * means, the books' columns ({@link FleetAccounts}) and the jobs waiting per queue. Columns are written by name.
 */
final class SeriesSampler {
    private final TimeSeries series;
    private final FleetView fleet;
    private final CpuPools cpuPools;
    private final PendingQueue pending;
    private final Collection<Job> running;
    private final RunCounters counts;
    private final StepAreas areas;
    private final TwinCommitter committer;
    private final FleetAccounts accounts;
    private final double[] row;
    private final int online;
    private final int allocated;
    private final int busy;
    private final int racks;
    private final int queued;
    private final int runningJobs;
    private final int hosts;
    private final int vcpus;
    private final int down;
    private final int interruptions;
    private final int demanded;
    private final int[] servingColumns;
    private final int[] queueColumns;
    private InferenceFleet serving;
    private SampleProbe probe;

    /** What a test sees after each row: the jobs running and waiting at that instant. */
    interface SampleProbe {
        void sampled(int row, long now, Iterable<Job> running, Iterable<Job> waiting);
    }

    SeriesSampler(
            TimeSeries series,
            FleetView fleet,
            CpuPools cpuPools,
            PendingQueue pending,
            Collection<Job> running,
            RunCounters counts,
            StepAreas areas,
            TwinCommitter committer,
            FleetAccounts accounts,
            int queueCount) {
        this.series = series;
        this.fleet = fleet;
        this.cpuPools = cpuPools;
        this.pending = pending;
        this.running = running;
        this.counts = counts;
        this.areas = areas;
        this.committer = committer;
        this.accounts = accounts;
        this.row = new double[series.columnNames().size()];
        this.online = series.column(TimeSeries.GPUS_ONLINE);
        this.allocated = series.column(TimeSeries.GPUS_ALLOCATED);
        this.busy = series.column(TimeSeries.GPUS_BUSY);
        this.racks = series.column(TimeSeries.RACKS_ONLINE);
        this.queued = series.column(TimeSeries.JOBS_QUEUED);
        this.runningJobs = series.column(TimeSeries.JOBS_RUNNING);
        this.hosts = series.column(TimeSeries.CPU_HOSTS_ONLINE);
        this.vcpus = series.column(TimeSeries.CPU_VCPUS_ONLINE);
        this.down = series.column(TimeSeries.GPUS_DOWN);
        this.interruptions = series.column(TimeSeries.INTERRUPTIONS);
        this.demanded = series.column(TimeSeries.GPUS_DEMANDED);
        this.servingColumns = new int[SeriesWindow.COLUMNS.length];
        for (int i = 0; i < servingColumns.length; i++) {
            servingColumns[i] = series.column(SeriesWindow.COLUMNS[i]);
        }
        // the per-queue columns come last, in queue order
        this.queueColumns = new int[queueCount];
        int first = series.columnNames().size() - queueCount;
        for (int q = 0; q < queueCount; q++) {
            queueColumns[q] = first + q;
        }
    }

    void serving(InferenceFleet serving) {
        this.serving = serving;
    }

    void probe(SampleProbe probe) {
        this.probe = probe;
    }

    /** Takes a row at every step from {@code at} until before {@code horizon}. */
    void schedule(Simulation sim, long at, long horizon) {
        if (at < horizon) {
            sim.at(at, now -> {
                take(now);
                schedule(sim, now + series.stepMs(), horizon);
            });
        }
    }

    /** When the step in progress began. */
    long stepStart() {
        return areas.since();
    }

    /** Records the row for the step ending at {@code now}. */
    void take(long now) {
        committer.updateLevels();
        Arrays.fill(row, 0);
        row[online] = areas.meanOnline(now);
        row[allocated] = areas.meanAllocated(now);
        row[busy] = areas.meanBusy(now);
        double busyShare = areas.busyShare();
        row[racks] = fleet.onlineRacks();
        row[queued] = pending.size();
        row[runningJobs] = running.size();
        row[hosts] = cpuPools.totalHosts();
        row[vcpus] = cpuPools.totalVcpus();
        row[down] = fleet.downGpus();
        row[interruptions] = counts.interruptionsInStep;
        row[demanded] = counts.demandedGpus;
        double[] means = serving.sample();
        for (int i = 0; i < means.length; i++) {
            row[servingColumns[i]] = means[i];
        }
        for (int q = 0; q < queueColumns.length; q++) {
            row[queueColumns[q]] = pending.size(q);
        }
        series.add(now, row);
        if (probe != null) {
            probe.sampled(series.size() - 1, now, running, pending);
        }
        accounts.sample(now, now - areas.since(), busyShare, series); // fills the books' columns of the row
        counts.interruptionsInStep = 0;
        areas.next(now);
    }
}
