package io.ultrafleet.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.ClusterState;
import io.ultrafleet.scheduling.CycleResult;
import io.ultrafleet.scheduling.Decision;
import io.ultrafleet.scheduling.PendingQueue;
import io.ultrafleet.scheduling.SchedulingCycle;
import io.ultrafleet.scheduling.backfill.Reservations;
import io.ultrafleet.workload.Job;
import io.ultrafleet.workload.JobRequest;
import io.ultrafleet.workload.WaitReason;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a second driver of the core needs, shown without the twin: read a scenario file, build its fleet and queues,
 * turn its jobs into the core's jobs, and run one scheduling cycle by hand.
 */
class ScheduleByHandTest {
    static final String SCENARIO = """
            apiVersion: ultrafleet/v1
            name: by-hand
            start: 2026-01-01
            horizon: 2026-02-01
            fleet:
              providers:
                - name: p
                  regions:
                    - name: r
                      sites:
                        - {name: s, racksPerBlock: 4}
              deliveries:
                - {site: s, model: gb200-nvl72, racks: 8, start: 2026-01-01}
            tenants:
              - name: lab
                queues:
                  - {name: train, priorityClass: training}
                  - {name: eval, priorityClass: research, quotaGpus: 8}
            training:
              jobs:
                - {name: gang, queue: lab/train, submit: 2026-01-01, gpus: 288, duration: 1d}
                - {name: small, queue: lab/eval, submit: 2026-01-01, gpus: 4, duration: 2h}
                - {name: over-quota, queue: lab/eval, submit: 2026-01-01, gpus: 8, duration: 2h}
            """;

    @Test
    void aFleetAndQueuesFromAScenarioFileRunOneCycleWithoutTheTwin() {
        ScenarioSpec spec = new ScenarioReader(HardwareCatalogue.builtIn())
                .read("by-hand.yaml", new StringReader(SCENARIO))
                .spec();
        // The fleet: its shape from the file, its racks added through the cluster, the one writer.
        FleetLayout layout = FleetLayout.of(spec.fleet(), HardwareCatalogue.builtIn());
        FleetState empty = layout.emptyFleet();
        QueueSetup queues = QueueSetup.of(spec.tenants(), spec.priorityClasses(), empty);
        ClusterState cluster = new ClusterState(empty, queues.book());
        for (FleetLayout.Arrival a : layout.arrivals()) {
            for (int i = 0; i < a.racks(); i++) {
                cluster.addRack(a.site(), a.model());
            }
        }
        assertThat(cluster.fleet().onlineGpus()).isEqualTo(8 * 72);
        // The jobs, as the core sees them: each queue's priority, times in the scenario's epoch.
        PendingQueue pending = PendingQueue.forFleet(cluster.fleet());
        long id = 0;
        for (TrainingSpec.JobSpec j : spec.training().jobs()) {
            int q = queues.indexByName().get(j.queue());
            pending.add(Job.of(JobRequest.of(
                            id++,
                            j.name(),
                            q,
                            queues.priorities().get(q),
                            spec.epoch().toTime(j.submitMs()),
                            j.gpus(),
                            j.durationMs())
                    .topology(j.topology().required(), j.topology().preferred())
                    .build()));
        }
        CycleResult result = new SchedulingCycle(200).run(0, cluster, pending, Reservations.none());

        List<Decision.Start> starts = result.decisions().stream()
                .filter(Decision.Start.class::isInstance)
                .map(Decision.Start.class::cast)
                .toList();
        assertThat(starts).extracting(d -> d.job().name()).containsExactly("gang", "small");
        assertThat(starts.get(0).placement().racks()).hasSize(4);
        assertThat(starts.get(1).placement().allocatedGpus()).isEqualTo(4);
        assertThat(cluster.fleet().allocatedGpus()).isEqualTo(288 + 4);
        Job waiting = pending.first();
        assertThat(waiting.name()).isEqualTo("over-quota");
        assertThat(waiting.waitReason()).isEqualTo(WaitReason.QUOTA);
    }
}
