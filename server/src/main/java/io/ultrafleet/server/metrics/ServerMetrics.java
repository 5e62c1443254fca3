package io.ultrafleet.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.live.LoopMeter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's Prometheus metrics ({@code ultrafleet_*}): jobs by state and queue, jobs submitted and runs started
 * by queue, GPUs by model and site, the
 * scheduling cycle's duration, submission latency, database commit latency, and requests refused by reason.
 */
public final class ServerMetrics implements LoopMeter {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer cycle;
    private final Timer submit;
    private final Timer commit;
    private final Timer stateRead;
    private final Counter stateRows;
    private final Counter commitFailures;
    private final Counter cycles;
    private final Set<String> gauges = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicInteger rerankOwing =
            new java.util.concurrent.atomic.AtomicInteger();
    private Supplier<LiveView> view = () -> LiveView.EMPTY;

    public ServerMetrics() {
        cycle = Timer.builder("ultrafleet.cycle.duration")
                .description("Time one scheduling cycle took")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        submit = Timer.builder("ultrafleet.submit.latency")
                .description("Time from a submission's arrival to its durable acknowledgement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        commit = Timer.builder("ultrafleet.db.commit")
                .description("Time to commit one turn of the scheduler loop")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        stateRead = Timer.builder("ultrafleet.state.read")
                .description("Time to read the whole state from the database: at start, on taking the lead, after a"
                        + " failed commit, and every few seconds on a standby")
                .register(registry);
        stateRows = Counter.builder("ultrafleet.state.rows.read")
                .description("Job rows taken whole from the database by reads of the state (a standby's reads after its"
                        + " first take only new and changed rows)")
                .register(registry);
        commitFailures = Counter.builder("ultrafleet.db.commit.failures").register(registry);
        cycles = Counter.builder("ultrafleet.cycles").register(registry);
        Gauge.builder("ultrafleet.rerank.owing", rerankOwing, java.util.concurrent.atomic.AtomicInteger::get)
                .description("Waiting jobs re-ranked by a change of their queue's priority class whose rows and history"
                        + " lines are still to be written (2,000 a turn)")
                .register(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    }

    /**
     * Shows who leads: {@code ultrafleet_leader} is 1 on the server that schedules and 0 on a standby, and {@code
     * ultrafleet_leader_epoch} the epoch it last led in.
     */
    public void leadership(java.util.function.BooleanSupplier leading, java.util.function.LongSupplier epoch) {
        Gauge.builder("ultrafleet.leader", leading, l -> l.getAsBoolean() ? 1 : 0)
                .description("1 on the server that leads (schedules and dispatches), 0 on a standby")
                .strongReference(true)
                .register(registry);
        Gauge.builder("ultrafleet.leader.epoch", epoch, e -> e.getAsLong())
                .description("The epoch this server last led in; it grows at every change of leader")
                .strongReference(true)
                .register(registry);
    }

    /**
     * The limits on live jobs ({@code serve --max-live-jobs}, {@code --max-live-jobs-per-tenant}; the latter absent
     * when there is none), beside which {@code ultrafleet_jobs} (by queue and state) says how near they are.
     */
    public void liveJobLimits(long server, long perTenant) {
        Gauge.builder("ultrafleet.live.jobs.limit", () -> server)
                .description("The most queued and running jobs the server takes (--max-live-jobs)")
                .register(registry);
        if (perTenant != Long.MAX_VALUE) {
            Gauge.builder("ultrafleet.live.jobs.tenant.limit", () -> perTenant)
                    .description("The most queued and running jobs of one tenant (--max-live-jobs-per-tenant)")
                    .register(registry);
        }
    }

    /** Whether each cluster of the executor can be reached: {@code ultrafleet_cluster_reachable{cluster=...}}. */
    public void watchClusters(Supplier<java.util.Map<String, Boolean>> clusters) {
        for (String name : clusters.get().keySet()) {
            Gauge.builder(
                            "ultrafleet.cluster.reachable",
                            clusters,
                            c -> Boolean.TRUE.equals(c.get().get(name)) ? 1 : 0)
                    .description("1 when the executor's cluster answers, 0 when it cannot be reached")
                    .strongReference(true)
                    .tag("cluster", name)
                    .register(registry);
        }
    }

    /** Reads queue and fleet gauges from the loop's picture. */
    public void watch(Supplier<LiveView> view) {
        this.view = view;
    }

    @Override
    public void cycle(long nanos, CycleResult result) {
        cycle.record(Duration.ofNanos(nanos));
        cycles.increment();
    }

    @Override
    public void commit(long nanos, boolean ok) {
        commit.record(Duration.ofNanos(nanos));
        if (!ok) {
            commitFailures.increment();
        }
    }

    @Override
    public void rerankOwing(int jobs) {
        rerankOwing.set(jobs);
    }

    @Override
    public void stateRead(long nanos, long rowsFromDatabase) {
        stateRead.record(Duration.ofNanos(nanos));
        stateRows.increment(rowsFromDatabase);
    }

    public void submitted(long nanos) {
        submit.record(Duration.ofNanos(nanos));
    }

    /** A request refused, by reason ({@code bad_request}, {@code unauthorized}, ...). */
    public void rejected(String reason) {
        registry.counter("ultrafleet.requests.rejected", "reason", reason).increment();
    }

    /** The metrics in Prometheus' text format. */
    public synchronized String scrape() {
        LiveView v = view.get();
        for (LiveView.QueueView q : v.queues()) {
            String name = q.row().fullName();
            gauge("ultrafleet.jobs", "queue", name, "state", "queued", x -> queue(x, name, 0));
            gauge("ultrafleet.jobs", "queue", name, "state", "running", x -> queue(x, name, 1));
            gauge("ultrafleet.queue.used.gpus", "queue", name, null, null, x -> queue(x, name, 2));
            int id = q.row().id();
            counter("ultrafleet.jobs.submitted", "Jobs submitted since the server started", name, x -> x.submitted(id));
            counter(
                    "ultrafleet.job.starts",
                    "Runs started since the server started (a preempted job that starts again counts again)",
                    name,
                    x -> x.started(id));
        }
        for (LiveView.FleetCell f : v.fleet()) {
            String site = f.site();
            String model = f.model();
            String provider = f.provider();
            fleetGauge("ultrafleet.gpus.allocated", site, provider, model, x -> cell(x, site, model, 0));
            fleetGauge("ultrafleet.gpus.free", site, provider, model, x -> cell(x, site, model, 1));
            fleetGauge("ultrafleet.gpus.online", site, provider, model, x -> cell(x, site, model, 2));
            fleetGauge("ultrafleet.gpus.down", site, provider, model, x -> cell(x, site, model, 3));
        }
        for (LiveView.CapCell cc : v.caps()) {
            String cls = cc.priorityClass();
            String provider = cc.provider();
            gauge("ultrafleet.cap.used", "class", cls, "provider", provider, x -> capUsed(x, cls, provider));
            gauge("ultrafleet.cap.limit", "class", cls, null, null, x -> capLimit(x, cls));
        }
        return registry.scrape();
    }

    private static double capUsed(LiveView v, String cls, String provider) {
        for (LiveView.CapCell c : v.caps()) {
            if (c.priorityClass().equals(cls) && c.provider().equals(provider)) {
                return c.used();
            }
        }
        return 0;
    }

    private static double capLimit(LiveView v, String cls) {
        for (LiveView.CapCell c : v.caps()) {
            if (c.priorityClass().equals(cls)) {
                return c.limit();
            }
        }
        return 0;
    }

    private void gauge(String name, String k1, String v1, String k2, String v2, ToDoubleFunction<LiveView> f) {
        String key = name + "|" + v1 + "|" + v2;
        if (gauges.add(key)) {
            Gauge.Builder<Supplier<LiveView>> b = Gauge.builder(name, view, s -> f.applyAsDouble(s.get()))
                    .strongReference(true)
                    .tag(k1, v1);
            if (k2 != null) {
                b.tag(k2, v2);
            }
            b.register(registry);
        }
    }

    /** A gauge of one site's GPUs of one model, labelled with the site's provider too (for a provider's share). */
    private void fleetGauge(String name, String site, String provider, String model, ToDoubleFunction<LiveView> f) {
        if (gauges.add(name + "|" + site + "|" + model)) {
            Gauge.builder(name, view, s -> f.applyAsDouble(s.get()))
                    .strongReference(true)
                    .tag("site", site)
                    .tag("provider", provider)
                    .tag("model", model)
                    .register(registry);
        }
    }

    private void counter(String name, String description, String queue, ToDoubleFunction<LiveView> f) {
        if (gauges.add(name + "|" + queue)) {
            FunctionCounter.builder(name, view, s -> f.applyAsDouble(s.get()))
                    .description(description)
                    .tag("queue", queue)
                    .register(registry);
        }
    }

    private static double queue(LiveView v, String name, int what) {
        LiveView.QueueView q = v.queue(name);
        if (q == null) {
            return 0;
        }
        return what == 0 ? q.pending() : what == 1 ? q.running() : q.usedGpus();
    }

    private static double cell(LiveView v, String site, String model, int what) {
        for (LiveView.FleetCell c : v.fleet()) {
            if (c.site().equals(site) && c.model().equals(model)) {
                return switch (what) {
                    case 0 -> c.gpusAllocated();
                    case 1 -> c.gpusFree();
                    case 2 -> c.gpusOnline();
                    default -> c.gpusDown();
                };
            }
        }
        return 0;
    }
}
