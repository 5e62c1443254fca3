package io.ultrafleet.twin.budget;

import static io.ultrafleet.math.Saturating.add;
import static io.ultrafleet.math.Saturating.multiply;

import io.ultrafleet.fleet.CpuHostShape;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.spec.ArrivalSpec;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.scenario.InferenceSpec;
import io.ultrafleet.twin.scenario.LoadCurveSpec;
import io.ultrafleet.twin.scenario.Scenario;

/**
 * What a run of a scenario will need, estimated from the scenario alone: its fleet, the jobs it will submit, the
 * time-series samples it will keep, the faults it will draw, and the heap all that takes. Every figure is computed so
 * that it cannot overflow: sums saturate at {@link Long#MAX_VALUE}.
 *
 * @param racks racks (NVLink domains, or 8-GPU hosts) delivered over the run
 * @param gpus GPUs delivered over the run
 * @param hosts CPU hosts added over the run
 * @param vcpus vCPUs of those hosts
 * @param jobs training jobs submitted: explicit ones and the generators' expected arrivals, within their {@code
 *     maxJobs} (inference replicas, also jobs, count towards the heap only)
 * @param liveJobs jobs expected in the system at once near the end: running ones, and the backlog of work that the
 *     fleet's GPU-hours cannot serve
 * @param samples rows of the time series
 * @param columns columns of the time series
 * @param faults faults expected over the run (every GPU online all the time, at the highest multiplier)
 * @param batches daily batches of deliveries and CPU ramps within the run, each an event queued at the start
 * @param heapBytes the heap the run is expected to need, outputs included
 */
public record RunEstimate(
        long racks,
        long gpus,
        long hosts,
        long vcpus,
        long jobs,
        long liveJobs,
        long samples,
        long columns,
        long faults,
        long batches,
        long heapBytes) {

    private static final double DAY_MS = 86_400_000.0;
    private static final double HOUR_MS = 3_600_000.0;

    /** Heap a run needs whatever its size: the catalogue, the scenario, the code's own data. */
    static final long BASE_BYTES = 96L << 20;

    /** Heap per rack: its state, its occupancy and its share of the indexes. */
    static final long RACK_BYTES = 512;

    /** Heap per submitted job that stays after it ends: its wait time, kept for the percentiles. */
    static final long JOB_BYTES = 16;

    /** Heap per job in the system: the job, its place in the queues, its history. */
    static final long LIVE_JOB_BYTES = 768;

    /**
     * Heap per time-series cell: the value, its array's growth, and the outputs and report made from it (CSV text,
     * the report's data).
     */
    static final long CELL_BYTES = 48;

    /** Heap per daily batch of a delivery or ramp: its event, queued from the start. */
    static final long BATCH_BYTES = 96;

    /** Heap per burst of a rate curve. */
    static final long BURST_BYTES = 16;

    /** The estimate for {@code s}. */
    public static RunEstimate of(Scenario s, HardwareCatalogue catalogue) {
        long spanMs = s.endMs() - s.startMs();
        long racks = 0;
        long gpus = 0;
        long batches = 0;
        double gpuHours = 0;
        for (FleetSpec.DeliverySpec d : s.fleet().deliveries()) {
            batches = add(batches, batches(d.racks(), d.startMs(), d.endMs(), s.endMs()));
            int perRack =
                    catalogue.model(d.model()).map(HardwareModel::gpusPerDomain).orElse(0);
            racks = add(racks, d.racks());
            gpus = add(gpus, (long) d.racks() * perRack);
            double onlineMs = Math.max(0, s.endMs() - (d.startMs() + d.endMs()) / 2.0);
            gpuHours += (double) d.racks() * perRack * onlineMs / HOUR_MS;
        }
        long hosts = 0;
        long vcpus = 0;
        for (FleetSpec.CpuPoolSpec p : s.fleet().cpuPools()) {
            int perHost =
                    catalogue.hostShape(p.hostShape()).map(CpuHostShape::vcpus).orElse(0);
            for (FleetSpec.CpuRampStep step : p.ramp()) {
                batches = add(batches, batches(step.hosts(), step.startMs(), step.endMs(), s.endMs()));
                hosts = add(hosts, step.hosts());
                vcpus = add(vcpus, (long) step.hosts() * perHost);
            }
        }
        Demand demand = demand(s);
        long backlog = demand.workGpuHours > gpuHours && demand.workGpuHours > 0
                ? (long) Math.min(Long.MAX_VALUE, demand.jobs * (1 - gpuHours / demand.workGpuHours))
                : 0;
        // Every running job holds at least one GPU.
        long running = Math.min(
                saturate(demand.running), Math.max(gpus, s.training().jobs().size()));
        long liveJobs = add(running, backlog);
        long samples = Math.max(1, spanMs / s.outputs().timeSeriesStepMs());
        long columns = TimeSeries.COLUMNS.length
                + 16
                + queueCount(s)
                + s.costs().contracts().size();
        long faults = saturate(faultRate(s) * gpuHours);
        long bursts = saturate(bursts(s, spanMs));
        long heap = BASE_BYTES;
        heap = add(heap, multiply(racks, RACK_BYTES));
        heap = add(heap, multiply(add(demand.jobsLong(), saturate(demand.replicaJobs)), JOB_BYTES));
        heap = add(heap, multiply(liveJobs, LIVE_JOB_BYTES));
        heap = add(heap, multiply(multiply(samples, columns), CELL_BYTES));
        heap = add(heap, multiply(bursts, BURST_BYTES));
        heap = add(heap, multiply(batches, BATCH_BYTES));
        return new RunEstimate(
                racks, gpus, hosts, vcpus, demand.jobsLong(), liveJobs, samples, columns, faults, batches, heap);
    }

    /** Daily batches of {@code count} items from {@code startMs} to {@code endMs} that come before the horizon. */
    static long batches(long count, long startMs, long endMs, long horizonMs) {
        if (startMs >= horizonMs) {
            return 0;
        }
        long day = 86_400_000L;
        long days = Math.max(1, (endMs - startMs) / day + 1);
        long withinRun = (horizonMs - startMs) / day + 1;
        return Math.min(Math.min(days, count), withinRun);
    }

    /** Jobs submitted, the GPU-hours of work they bring, and how many run at once. */
    private record Demand(double jobs, double replicaJobs, double workGpuHours, double running) {
        long jobsLong() {
            return saturate(jobs);
        }
    }

    private static Demand demand(Scenario s) {
        double jobs = 0;
        double replicaJobs = 0;
        double work = 0;
        double running = 0;
        for (TrainingSpec.JobSpec j : s.training().jobs()) {
            jobs++;
            work += (double) j.gpus() * j.durationMs() / HOUR_MS;
            running++;
        }
        for (TrainingSpec.GeneratorSpec g : s.training().generators()) {
            double n = arrivals(g.arrivals(), s.endMs());
            double meanGpus = Distributions.mean(g.gpus());
            double meanMs = Distributions.mean(g.duration());
            jobs += n;
            work += n * meanGpus * meanMs / HOUR_MS;
            running += peakPerDay(g.arrivals()) * meanMs / DAY_MS;
        }
        for (InferenceSpec.ServiceSpec svc : s.inference().services()) {
            // Each autoscaler step may start or end replicas; every replica is a job.
            double steps = (s.endMs() - s.startMs()) / (double) s.inference().stepMs();
            replicaJobs += steps * Math.min(svc.maxReplicas(), 8) + svc.maxReplicas();
            running += svc.maxReplicas();
        }
        return new Demand(jobs, replicaJobs, work, running);
    }

    /** Expected arrivals of a generator: its rate over each step's time, up to {@code maxJobs}. */
    static double arrivals(ArrivalSpec a, long horizonMs) {
        double n = 0;
        long until = Math.min(a.endMs(), horizonMs);
        for (int i = 0; i < a.rates().size(); i++) {
            long from = a.rates().get(i).fromMs();
            long to = i + 1 < a.rates().size()
                    ? Math.min(until, a.rates().get(i + 1).fromMs())
                    : until;
            if (to > from) {
                n += a.rates().get(i).perDay() * (to - from) / DAY_MS;
            }
        }
        return a.maxJobs() > 0 ? Math.min(n, a.maxJobs()) : n;
    }

    private static double peakPerDay(ArrivalSpec a) {
        double peak = 0;
        for (ArrivalSpec.RateStep r : a.rates()) {
            peak = Math.max(peak, r.perDay());
        }
        return peak;
    }

    /** Faults per GPU-hour at the highest multiplier of any model. */
    private static double faultRate(Scenario s) {
        if (!s.reliability().enabled()) {
            return 0;
        }
        double model = 1;
        for (double m : s.reliability().modelMultipliers().values()) {
            model = Math.max(model, m);
        }
        return s.reliability().hazardPerGpuHour() * s.reliability().generationMultiplier() * model;
    }

    private static double bursts(Scenario s, long spanMs) {
        double n = 0;
        for (InferenceSpec.ServiceSpec svc : s.inference().services()) {
            n += bursts(svc.demand().requestsPerSecond(), spanMs);
        }
        for (var session : s.agents().sessions()) {
            n += bursts(session.arrivalsPerSecond(), spanMs);
        }
        return n;
    }

    private static double bursts(LoadCurveSpec c, long spanMs) {
        return c.burstsPerDay() * spanMs / DAY_MS;
    }

    private static long queueCount(Scenario s) {
        long n = 0;
        for (TenantSpec t : s.tenants()) {
            n += t.queues().size();
        }
        return n;
    }

    /** A non-negative double as a long, {@link Long#MAX_VALUE} at most. */
    static long saturate(double v) {
        return v >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.max(0, Math.ceil(v));
    }
}
