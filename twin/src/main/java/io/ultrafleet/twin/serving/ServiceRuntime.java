package io.ultrafleet.twin.serving;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.twin.inference.FlowModel;
import io.ultrafleet.twin.inference.FlowStep;
import io.ultrafleet.twin.inference.Overload;
import io.ultrafleet.twin.inference.ServiceProfile;
import io.ultrafleet.twin.inference.ServiceProfiles;
import io.ultrafleet.twin.inference.ServiceState;
import io.ultrafleet.twin.inference.StepDemand;
import io.ultrafleet.twin.scenario.InferenceSpec;
import io.ultrafleet.workload.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inference service while the twin runs: its replicas (jobs the scheduler places), which of them serve, the
 * backlog its flow model carries between steps, and its autoscaler. Replicas on slower hardware count as a fraction of
 * a replica of the first (preferred) profile, by their output-token throughput.
 */
final class ServiceRuntime {
    final InferenceSpec.ServiceSpec spec;
    final LoadCurve curve;
    final ServiceStats stats;
    private final List<ServiceProfile> profiles = new ArrayList<>();
    private final List<String> hardware;
    private final FleetView fleet;
    /** Per fleet model index: a replica's worth in preferred replicas, or 0 when no profile runs on it. */
    private final double[] worthByModel;

    private final FlowModel flow;
    private final Autoscaler autoscaler;
    /**
     * Replicas waiting for the scheduler (new, or stopped by a failure or preemption), oldest first: a deque, since the
     * one that starts is nearly always the first, and a list would shift all the others up for it.
     */
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    /** Running replicas still loading, in start order (the load takes the same time for all). */
    private final ArrayDeque<Job> starting = new ArrayDeque<>();

    private final Map<Job, Long> readyAt = new IdentityHashMap<>();
    /** Running replicas that serve, in the order they became ready. */
    private final List<Job> serving = new ArrayList<>();

    /** Each running replica's worth, recorded when it starts (its racks are known then, and gone once it stops). */
    private final Map<Job, Double> worthOf = new IdentityHashMap<>();

    private double servingWorth;
    private double runningWorth;
    private ServiceState carried = ServiceState.IDLE;
    private int nextReplica;
    private int lastNeed;

    ServiceRuntime(InferenceSpec.ServiceSpec spec, LoadCurve curve, long stepMs, FleetView fleet) {
        this.spec = spec;
        this.curve = curve;
        this.fleet = fleet;
        this.stats = new ServiceStats(spec.name(), spec.queue());
        for (String name : spec.profiles()) {
            profiles.add(ServiceProfiles.get(name).orElseThrow());
        }
        this.hardware = profiles.stream().map(ServiceProfile::hardware).toList();
        ServiceProfile first = profiles.get(0);
        worthByModel = new double[Math.max(1, fleet.modelCount())];
        for (int i = profiles.size() - 1; i >= 0; i--) {
            int m = fleet.modelIndex(profiles.get(i).hardware());
            if (m >= 0 && m < worthByModel.length) {
                worthByModel[m] = profiles.get(i).replicaDecodeTokensPerS() / first.replicaDecodeTokensPerS();
            }
        }
        Overload overload = spec.maxQueueWaitMs() > 0 ? Overload.shedAfter(spec.maxQueueWaitMs()) : Overload.queue();
        this.flow = new FlowModel(first, stepMs, overload);
        this.autoscaler = new Autoscaler(spec.autoscaler(), spec.minReplicas(), spec.maxReplicas());
    }

    /** The hardware model names the replicas may run on, most preferred first. */
    List<String> hardware() {
        return hardware;
    }

    int gpusPerReplica() {
        return profiles.get(0).gpusPerReplica();
    }

    /** The replicas the autoscaler found needed at its last look. */
    int lastNeed() {
        return lastNeed;
    }

    String nextReplicaName() {
        return spec.name() + "-r" + nextReplica++;
    }

    /** Replicas held: waiting, loading and serving. */
    int held() {
        return waiting.size() + starting.size() + serving.size();
    }

    /** Replicas on GPUs: loading or serving. */
    int running() {
        return starting.size() + serving.size();
    }

    void added(Job replica) {
        waiting.add(replica);
    }

    void started(Job replica, long now) {
        waiting.removeFirstOccurrence(replica);
        readyAt.put(replica, now + spec.autoscaler().scaleUpDelayMs());
        starting.addLast(replica);
        double w = worth(replica);
        worthOf.put(replica, w);
        runningWorth += w;
    }

    /** A running replica stopped (failure or preemption): it waits for the scheduler again, first in line. */
    void stopped(Job replica) {
        leave(replica);
        waiting.addFirst(replica);
    }

    private void leave(Job replica) {
        readyAt.remove(replica);
        Double w = worthOf.remove(replica);
        double worth = w == null ? 0 : w;
        runningWorth -= worth;
        // Searched from the newest end: the autoscaler gives up the newest replicas first.
        if (!starting.removeLastOccurrence(replica) && removeNewest(serving, replica)) {
            servingWorth -= worth;
        }
    }

    private static boolean removeNewest(List<Job> list, Job job) {
        int i = list.lastIndexOf(job);
        if (i < 0) {
            return false;
        }
        list.remove(i);
        return true;
    }

    private double worth(Job j) {
        int[] racks = j.racks();
        if (racks.length == 0) {
            return 0;
        }
        int m = fleet.rackModel(racks[0]);
        return m < worthByModel.length ? worthByModel[m] : 0;
    }

    /** Serving replicas at {@code now}, in preferred-replica equivalents (rounded down). */
    int servingEquivalents(long now) {
        while (!starting.isEmpty() && readyAt.get(starting.peekFirst()) <= now) {
            Job j = starting.pollFirst();
            serving.add(j);
            servingWorth += worthOf.get(j);
        }
        return (int) Math.floor(servingWorth + 1e-9);
    }

    /** Serves the step ending at {@code now} with {@code demand}; returns what the replicas did. */
    FlowStep serve(long now, StepDemand demand) {
        int serving = servingEquivalents(now);
        FlowStep step = flow.step(demand, serving, carried);
        carried = step.state();
        stats.step(step, flow.stepMs(), running() * (long) gpusPerReplica(), held());
        return step;
    }

    /**
     * The autoscaler's look after a step: returns how many replicas to add (positive) or remove (negative).
     */
    int rescale(long now, StepDemand demand) {
        int need = autoscaler.need(flow, demand, carried.queuedRequests());
        lastNeed = need;
        // Held capacity in preferred-replica equivalents: running replicas by their hardware, waiting ones as
        // preferred (where they land is not known yet).
        double heldEq = waiting.size() + runningWorth;
        int target = autoscaler.target(now, (int) Math.floor(heldEq + 1e-9), need);
        if (target > heldEq) {
            return Math.min((int) Math.ceil(target - heldEq - 1e-9), spec.maxReplicas() - held());
        }
        return -(int) Math.floor(heldEq - target + 1e-9);
    }

    /**
     * Replicas to give up, {@code n} of them (the autoscaler asks for as many as the equivalents it can spare, so a
     * slower replica given up leaves a little more than asked): waiting ones first, then loading ones, then the newest
     * serving.
     */
    List<Job> release(int n) {
        List<Job> out = new ArrayList<>();
        while (!waiting.isEmpty() && out.size() < n) {
            out.add(waiting.pollLast());
        }
        while (!starting.isEmpty() && out.size() < n) {
            Job j = starting.peekLast();
            leave(j);
            out.add(j);
        }
        for (int i = serving.size() - 1; i >= 0 && out.size() < n; i--) {
            Job j = serving.get(i);
            leave(j);
            out.add(j);
        }
        return out;
    }
}
