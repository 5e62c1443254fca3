package io.ultrafleet.twin.run;

import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.spec.QueueSetup;
import io.ultrafleet.spec.TopologySpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.fleet.FleetModel;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.scenario.ReliabilitySpec;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.workload.SimulatedProgress;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns job descriptions of the scenario into core {@link Job}s: queue and priority lookup, model masks, ids. */
final class JobCatalog {
    /** A mask no model matches: the job names only models this fleet never gets. */
    private static final long NO_MODEL_IN_FLEET = 1L << 63;

    private final QueueBook queues;
    private final Map<String, Integer> queueIndex = new LinkedHashMap<>();
    private final List<Integer> queuePriority = new ArrayList<>();
    private final List<QueueStats> stats = new ArrayList<>();
    private final FleetModel fleet;
    private final Epoch epoch;
    private final ReliabilitySpec reliability;
    private long nextId;

    JobCatalog(Scenario scenario, FleetModel fleet) {
        this.fleet = fleet;
        this.epoch = scenario.epoch();
        this.reliability = scenario.reliability();
        QueueSetup setup = QueueSetup.of(scenario.tenants(), scenario.priorityClasses(), fleet.state());
        this.queues = setup.book();
        Map<String, String> classOf = new LinkedHashMap<>();
        for (io.ultrafleet.spec.TenantSpec t : scenario.tenants()) {
            for (io.ultrafleet.spec.TenantSpec.QueueSpec qs : t.queues()) {
                classOf.put(t.name() + "/" + qs.name(), qs.priorityClass());
            }
        }
        for (int q = 0; q < queues.size(); q++) {
            queueIndex.put(queues.name(q), q);
            queuePriority.add(setup.priorities().get(q));
            stats.add(new QueueStats(
                    queues.name(q),
                    classOf.getOrDefault(queues.name(q), ""),
                    setup.priorities().get(q)));
        }
    }

    /** The MTBF of a job of {@code gpus} GPUs at the scenario's hazard; Long.MAX_VALUE without failures. */
    private long mtbfMs(int gpus) {
        ReliabilitySpec r = reliability;
        double worst = r.generationMultiplier();
        for (double m : r.modelMultipliers().values()) {
            worst = Math.max(worst, r.generationMultiplier() * m);
        }
        double perHour = r.enabled() ? r.hazardPerGpuHour() * worst * gpus : 0;
        return perHour <= 0 ? Long.MAX_VALUE : (long) (3_600_000.0 / perHour);
    }

    QueueBook queues() {
        return queues;
    }

    List<QueueStats> stats() {
        return stats;
    }

    /** A new job submitted at absolute time {@code submitEpochMs}. */
    Job newJob(
            String name,
            String queue,
            long submitEpochMs,
            int gpus,
            long durationMs,
            TopologySpec topology,
            List<String> models,
            TrainingSpec.RecoverySpec recovery,
            boolean generated) {
        int q = queueIndex.get(queue);
        long estimate = Math.max(1, Math.round(durationMs * recovery.estimateFactor()));
        JobRequest request = JobRequest.of(
                        nextId++, name, q, queuePriority.get(q), epoch.toTime(submitEpochMs), gpus, estimate)
                .topology(topology.required(), topology.preferred())
                .models(modelMask(models))
                .checkpointEvery(recovery.intervalMs(mtbfMs(gpus)))
                .recoveryCosts(recovery.checkpointStallMs(), recovery.restartOverheadMs())
                .elastic(recovery.minGpusOf(gpus, generated))
                .build();
        return new Job(request, new SimulatedProgress(request, durationMs));
    }

    /** The index of the queue called {@code name} ({@code tenant/queue}). */
    int queueIndex(String name) {
        return queueIndex.get(name);
    }

    /**
     * A replica of an inference service: {@code gpus} GPUs on one of {@code models}, inside one block, running until
     * the autoscaler withdraws it (its nominal duration is {@code runForMs}); it keeps no checkpoint and never shrinks.
     */
    Job newReplica(String name, String queue, long submitEpochMs, int gpus, long runForMs, List<String> models) {
        int q = queueIndex.get(queue);
        long runFor = Math.max(1, runForMs);
        JobRequest request = JobRequest.of(
                        nextId++, name, q, queuePriority.get(q), epoch.toTime(submitEpochMs), gpus, runFor)
                .topology(TopologySpec.DEFAULT.required(), TopologySpec.DEFAULT.preferred())
                .models(modelMask(models))
                .build();
        return new Job(request, new SimulatedProgress(request, runFor));
    }

    private long modelMask(List<String> models) {
        if (models.isEmpty()) {
            return 0L;
        }
        long mask = 0;
        for (String m : models) {
            int i = fleet.modelIndex(m);
            if (i >= 0) {
                mask |= 1L << i;
            }
        }
        return mask == 0 ? NO_MODEL_IN_FLEET : mask;
    }
}
