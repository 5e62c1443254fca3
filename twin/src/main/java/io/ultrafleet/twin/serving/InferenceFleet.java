package io.ultrafleet.twin.serving;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.sites.ServingReserve;
import io.ultrafleet.twin.agents.AgentFlows;
import io.ultrafleet.twin.engine.RandomStreams;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.fleet.CpuPools;
import io.ultrafleet.twin.inference.FlowStep;
import io.ultrafleet.twin.inference.StepDemand;
import io.ultrafleet.twin.scenario.AgentsSpec;
import io.ultrafleet.twin.scenario.InferenceSpec;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inference services and agent sessions of a run. Every flow step it advances the agent flows on the CPU pools,
 * serves each service's demand (its own curve plus its agents' LLM calls) with the replicas that are ready, and lets
 * each autoscaler add or remove replicas, which the scheduler then places like any job of the service's queue: with
 * its priority class, quota and preemption rules. Requests and sessions are flows, never one event each.
 */
public final class InferenceFleet {
    private final Scenario scenario;
    private final Simulation sim;
    private final ReplicaHost host;
    private final CpuPools pools;
    private final long stepMs;
    private final List<ServiceRuntime> services = new ArrayList<>();
    private final Map<Job, ServiceRuntime> replicas = new IdentityHashMap<>();
    private final AgentFlows agents;
    private final int[] rolloutPool;
    private final SeriesWindow window = new SeriesWindow();
    private ReserveSizer reserveSizer;

    public InferenceFleet(
            Scenario scenario,
            Simulation sim,
            FleetView fleet,
            CpuPools pools,
            RandomStreams streams,
            ReplicaHost host) {
        this.scenario = scenario;
        this.sim = sim;
        this.host = host;
        this.pools = pools;
        this.stepMs = scenario.inference().stepMs();
        long start = scenario.startMs();
        long end = scenario.endMs();
        for (InferenceSpec.ServiceSpec s : scenario.inference().services()) {
            LoadCurve curve =
                    new LoadCurve(s.demand().requestsPerSecond(), start, end, streams.stream("demand/" + s.name()));
            services.add(new ServiceRuntime(s, curve, stepMs, fleet));
        }
        AgentsSpec a = scenario.agents();
        int[] poolOf = new int[a.sessions().size()];
        List<LoadCurve> curves = new ArrayList<>();
        for (int i = 0; i < poolOf.length; i++) {
            AgentsSpec.SessionSpec s = a.sessions().get(i);
            poolOf[i] = poolIndex(s.cpuPool());
            curves.add(new LoadCurve(s.arrivalsPerSecond(), start, end, streams.stream("agents/" + s.name())));
        }
        this.agents = AgentFlows.of(a.sessions(), poolOf, curves, pools.count());
        this.rolloutPool = new int[a.rollouts().size()];
        for (int i = 0; i < rolloutPool.length; i++) {
            rolloutPool[i] = poolIndex(a.rollouts().get(i).cpuPool());
        }
    }

    private int poolIndex(String name) {
        for (int p = 0; p < pools.count(); p++) {
            if (pools.name(p).equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no CPU pool " + name);
    }

    /** Holds capacity back in {@code reserve} for the services that have a reserve, sized after every step. */
    public void sizeReserve(ServingReserve reserve, FleetView fleet) {
        this.reserveSizer = new ReserveSizer(reserve, fleet, services);
    }

    /** The hardware models of the services that have a reserve, as a mask of model indices. */
    public long reserveModels(FleetView fleet) {
        return ReserveSizer.models(fleet, services);
    }

    /** True when the scenario has neither services nor agents. */
    public boolean isEmpty() {
        return services.isEmpty() && agents.isEmpty() && rolloutPool.length == 0;
    }

    /** Starts the steps (and the services' minimum replicas) at the scenario start. */
    public void schedule(long horizon) {
        if (isEmpty()) {
            return;
        }
        for (ServiceRuntime s : services) {
            add(s, s.spec.minReplicas(), 0);
        }
        scheduleStep(stepMs, horizon);
    }

    private void scheduleStep(long at, long horizon) {
        if (at <= horizon) {
            sim.at(at, now -> {
                step(now);
                scheduleStep(now + stepMs, horizon);
            });
        }
    }

    /** Whether {@code job} is a replica of a service. */
    public boolean isReplica(Job job) {
        return replicas.containsKey(job);
    }

    /** A replica was placed and started on its GPUs at {@code now}. */
    public void started(Job job, long now) {
        ServiceRuntime s = replicas.get(job);
        if (s != null) {
            s.started(job, now);
        }
    }

    /** A running replica was stopped by a failure or preempted: it waits to be placed again. */
    public void stopped(Job job) {
        ServiceRuntime s = replicas.get(job);
        if (s != null) {
            s.stopped(job);
        }
    }

    private void step(long now) {
        long epochNow = scenario.epoch().toAbsolute(now);
        if (!agents.isEmpty() || rolloutPool.length > 0) {
            long[] vcpus = new long[pools.count()];
            long[] memory = new long[pools.count()];
            double[] rollouts = new double[pools.count()];
            for (int p = 0; p < pools.count(); p++) {
                vcpus[p] = pools.vcpus(p);
                memory[p] = pools.memoryMib(p);
            }
            for (int i = 0; i < rolloutPool.length; i++) {
                AgentsSpec.RolloutSpec r = scenario.agents().rollouts().get(i);
                rollouts[rolloutPool[i]] += host.queueBusyGpus(r.queue()) * r.vcpusPerGpu();
            }
            agents.step(epochNow, stepMs, vcpus, memory, rollouts);
            window.agents(agents.live(), agents.sandboxVcpus(), agents.waiting(), sum(rollouts));
        }
        for (ServiceRuntime s : services) {
            StepDemand demand = demand(s, epochNow);
            FlowStep done = s.serve(now, demand);
            window.service(s.held(), (long) s.running() * s.gpusPerReplica(), done);
            int change = s.rescale(now, demand);
            if (change > 0) {
                add(s, change, now);
            } else if (change < 0) {
                for (Job j : s.release(-change)) {
                    replicas.remove(j);
                    host.withdrawReplica(j);
                }
            }
        }
        if (reserveSizer != null) {
            reserveSizer.stepDone(now);
        }
        window.stepDone();
    }

    private StepDemand demand(ServiceRuntime s, long epochNow) {
        InferenceSpec.DemandSpec d = s.spec.demand();
        double rate = s.curve.at(epochNow - stepMs / 2);
        StepDemand own = new StepDemand(
                rate,
                d.meanInputTokens(),
                d.cvInputTokens(),
                d.meanOutputTokens(),
                d.cvOutputTokens(),
                d.cachedInputShare(),
                d.cvInputTokens(),
                d.arrivalCv());
        StepDemand fromAgents = agents.demandFor(s.spec.name());
        return fromAgents == null ? own : DemandMix.add(own, fromAgents);
    }

    private void add(ServiceRuntime s, int n, long now) {
        for (int i = 0; i < n; i++) {
            Job j = host.newReplica(
                    s.nextReplicaName(),
                    s.spec.queue(),
                    s.gpusPerReplica(),
                    s.hardware(),
                    scenario.epoch().toAbsolute(now));
            replicas.put(j, s);
            s.added(j);
            host.submitReplica(j);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The time-series values since the last call, in {@link SeriesWindow#COLUMNS} order, and a new window. */
    public double[] sample() {
        return window.takeMeans();
    }

    public List<ServiceStats> serviceStats() {
        return services.stream().map(s -> s.stats).toList();
    }

    public AgentFlows agents() {
        return agents;
    }

    public boolean hasServices() {
        return !services.isEmpty();
    }

    public boolean hasAgents() {
        return !agents.isEmpty() || rolloutPool.length > 0;
    }
}
