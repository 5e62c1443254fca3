package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.serving.ServiceStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inference in the twin: the autoscaler follows a daily cycle without flapping, and the scheduler gives the replicas
 * capacity from training by the priority rules (elastic RL shrinks, research is preempted) and returns it at night.
 */
class ServingRunTest {
    static final String YAML = """
            apiVersion: ultrafleet/v1
            name: serving
            start: 2026-01-05
            horizon: 2026-01-12
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 20}]}]}]
              deliveries: [{site: s, model: gb300-nvl72, racks: 40, start: 2026-01-05}]
            tenants:
              - name: serving
                queues: [{name: chat, priorityClass: production}]
              - name: lab
                queues:
                  - {name: rl, priorityClass: training}
                  - {name: adhoc, priorityClass: research}
            training:
              jobs:
                - {name: rl, queue: lab/rl, submit: 2026-01-05, gpus: 2160, duration: 30d, minGpus: 1440,
                   checkpointInterval: 30m, topology: {required: any}}
              generators:
                - name: research
                  queue: lab/adhoc
                  arrivals: {perDay: 200}
                  gpus: 8
                  duration: {dist: lognormal, median: 2h, sigma: 0.5}
            scheduler: {preemption: {victimOrder: lowest-priority-youngest}}
            inference:
              step: 5m
              services:
                - name: chat
                  queue: serving/chat
                  profiles: [r1-gb300-nvl72]
                  minReplicas: 2
                  maxReplicas: 40
                  demand:
                    requestsPerSecond: {perSecond: 3000, daily: {peakToTrough: 3, peakHourUtc: 17}}
                    inputTokens: {mean: 2000, cv: 1.5}
                    outputTokens: {mean: 600, cv: 1.2}
                    cachedInputShare: 0.5
                  autoscaler: {targetUtilisation: 0.7, scaleUpDelay: 10m, coolOff: 30m}
            """;

    private static int column(RunResult r, String name) {
        int c = r.timeSeries().columnNames().indexOf(name);
        assertThat(c).as("column %s", name).isNotNegative();
        return c;
    }

    private static RunResult run() {
        return new TwinRun(TwinRunTest.load(YAML), HardwareCatalogue.builtIn()).run();
    }

    @Test
    void replicasThatRunToTheHorizonQueueNoEnd() {
        TwinRun run = new TwinRun(TwinRunTest.load(YAML), HardwareCatalogue.builtIn());
        RunResult r = run.run();
        int replicas = column(r, "inference_replicas");
        assertThat(r.timeSeries().value(17, replicas)).isGreaterThan(5);
        // An end queued for every replica start, never to fire, would leave hundreds of events behind the run.
        assertThat(run.eventsQueued()).isLessThan(10);
    }

    @Test
    void theAutoscalerFollowsTheDailyCycleWithoutFlapping() {
        RunResult r = run();
        TimeSeries s = r.timeSeries();
        int replicas = column(r, "inference_replicas");
        // Replicas at the 17:00 peak well above those at the 05:00 trough, every day after the first.
        for (int day = 1; day < 7; day++) {
            double peak = s.value(day * 24 + 17, replicas);
            double trough = s.value(day * 24 + 5, replicas);
            assertThat(peak).as("day %d", day).isGreaterThan(2 * trough);
        }
        // Over a day the count rises once and falls once: few changes of direction between hourly rows.
        int turns = 0;
        int dir = 0;
        for (int i = 25; i < s.size(); i++) {
            double d = s.value(i, replicas) - s.value(i - 1, replicas);
            int now = d > 0.5 ? 1 : d < -0.5 ? -1 : 0;
            if (now != 0 && dir != 0 && now != dir) {
                turns++;
            }
            dir = now != 0 ? now : dir;
        }
        assertThat(turns).as("changes of direction over 6 days").isLessThanOrEqualTo(14);
        ServiceStats chat = r.serving().services().get(0);
        assertThat(chat.sloAttainment()).isGreaterThan(0.95);
        assertThat(chat.replicasMax()).isLessThanOrEqualTo(40);
    }

    @Test
    void inferenceTakesCapacityFromTrainingAtThePeakAndGivesItBackAtNight() {
        RunResult r = run();
        TimeSeries s = r.timeSeries();
        int gpus = column(r, "inference_gpus");
        int allocated = column(r, "gpus_allocated");
        for (int day = 1; day < 7; day++) {
            double peakInference = s.value(day * 24 + 17, gpus);
            double troughInference = s.value(day * 24 + 5, gpus);
            double peakTraining = s.value(day * 24 + 17, allocated) - peakInference;
            double troughTraining = s.value(day * 24 + 5, allocated) - troughInference;
            assertThat(troughTraining).as("day %d", day).isGreaterThan(peakTraining + 500);
        }
        // The elastic RL job shrank for the replicas and grew back; when shrinking was not enough, lower-class work
        // was preempted; the replicas, of the highest class, never were.
        assertThat(r.elasticResizes()).isGreaterThan(10);
        List<io.ultrafleet.twin.metrics.QueueStats> queues = r.queues();
        assertThat(queues.get(0).name()).isEqualTo("serving/chat");
        assertThat(queues.get(0).preemptedCount()).isZero();
        assertThat(r.preemptions()).isPositive();
    }

    @Test
    void aReserveKeepsLastingTrainingOutOfTheServicesPeakCapacity() {
        // A 20-rack gang of 30 days on the 40 racks, once the service has been seen at its daily peak (about 20
        // replicas at 70 % utilisation): without a reserve it starts at once; with one it waits until lasting work
        // there fits beside the peak.
        String gang = YAML.replace(
                        "- {name: rl, queue: lab/rl, submit: 2026-01-05, gpus: 2160, duration: 30d, minGpus: 1440,",
                        "- {name: pretrain, queue: lab/rl, submit: 2026-01-07, gpus: 1440, duration: 30d,")
                .replace(
                        "checkpointInterval: 30m, topology: {required: any}}",
                        "checkpointInterval: 30m, topology: {required: any}}\n");
        String reserved = gang.replace(
                "autoscaler: {targetUtilisation: 0.7, scaleUpDelay: 10m, coolOff: 30m}",
                "autoscaler: {targetUtilisation: 0.7, scaleUpDelay: 10m, coolOff: 30m}\n      reserve: {replicas: peak}");
        assertThat(reserved).contains("reserve: {replicas: peak}").contains("name: pretrain");
        TwinRun free = new TwinRun(TwinRunTest.load(gang), HardwareCatalogue.builtIn());
        free.explain("pretrain");
        List<String> freeTexts = free.run().history().entries().stream()
                .map(JobHistory.Entry::text)
                .toList();
        assertThat(freeTexts.get(1)).startsWith("started");
        TwinRun held = new TwinRun(TwinRunTest.load(reserved), HardwareCatalogue.builtIn());
        held.explain("pretrain");
        List<String> heldTexts = held.run().history().entries().stream()
                .map(JobHistory.Entry::text)
                .toList();
        assertThat(heldTexts.get(1)).startsWith("waiting: capacity held back for inference services");
    }

    @Test
    void replicasPastTheQueueDepthStartWithoutAnotherEvent() {
        // Only a service, with a queue depth of 5: its first step asks for about 13 replicas at once, and nothing
        // else happens to ask for a cycle.
        String yaml = """
                apiVersion: ultrafleet/v1
                name: depth
                start: 2026-01-05
                horizon: 2026-01-06
                fleet:
                  providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 20}]}]}]
                  deliveries: [{site: s, model: gb300-nvl72, racks: 40, start: 2026-01-05}]
                tenants: [{name: serving, queues: [{name: chat, priorityClass: production}]}]
                scheduler: {queueDepth: 5}
                inference:
                  services:
                    - name: chat
                      queue: serving/chat
                      profiles: [r1-gb300-nvl72]
                      maxReplicas: 40
                      demand:
                        requestsPerSecond: {perSecond: 3000}
                        inputTokens: {mean: 2000, cv: 1.5}
                        outputTokens: {mean: 600, cv: 1.2}
                """;
        RunResult r = new TwinRun(TwinRunTest.load(yaml), HardwareCatalogue.builtIn()).run();
        assertThat(r.jobsStarted()).isGreaterThan(5);
        assertThat(r.jobsQueued()).isZero();
    }
}
