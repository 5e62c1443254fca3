package io.ultrafleet.twin.scenario;

import static io.ultrafleet.twin.scenario.TestScenarios.BASE;
import static io.ultrafleet.twin.scenario.TestScenarios.error;
import static io.ultrafleet.twin.scenario.TestScenarios.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.spec.ScenarioException;
import org.junit.jupiter.api.Test;

/** The {@code inference:} and {@code agents:} sections: what they read, and errors naming file, line and field. */
class InferenceSectionTest {
    // The sections start at line 37: BASE has 31 lines and POOL adds 5.
    private static final String SECTIONS = """
            inference:
              step: 1m
              services:
                - name: chat
                  queue: team/default
                  profiles: [r1-gb300-nvl72, r1-gb200-nvl72]
                  minReplicas: 1
                  maxReplicas: 8
                  maxQueueWait: 30s
                  demand:
                    requestsPerSecond:
                      rates: [{from: 2026-01-01, perSecond: 100}, {from: 2026-06-01, perSecond: 200}]
                      daily: {peakToTrough: 2, peakHourUtc: 17}
                      weekendFactor: 0.8
                      bursts: {perDay: 1, multiplier: 1.5, duration: 20m}
                    inputTokens: {mean: 2000, cv: 1.5}
                    outputTokens: {mean: 600}
                    cachedInputShare: 0.5
                  autoscaler: {sloTarget: 0.99, scaleUpDelay: 5m, coolOff: 1h}
            agents:
              sessions:
                - name: coder
                  cpuPool: pool
                  service: chat
                  arrivals: {perSecond: 3}
                  meanDuration: 11m
                  vcpus: 2
                  llmCalls: 31
                  outputTokensPerCall: 527
              rollouts:
                - {queue: team/default, cpuPool: pool, vcpusPerGpu: 10}
            """;

    private static final String POOL = """
              cpuPools:
                - name: pool
                  site: iad
                  hostShape: c8g.48xlarge
                  ramp: [{hosts: 10, start: 2026-01-01}]
            tenants:""";

    private static String scenario(String sections) {
        return TestScenarios.with(BASE, "tenants:", POOL) + sections;
    }

    @Test
    void readsServicesAndSessions() {
        Scenario s = load(scenario(SECTIONS));
        InferenceSpec.ServiceSpec chat = s.inference().services().get(0);
        assertThat(s.inference().stepMs()).isEqualTo(60_000L);
        assertThat(chat.profiles()).containsExactly("r1-gb300-nvl72", "r1-gb200-nvl72");
        assertThat(chat.maxQueueWaitMs()).isEqualTo(30_000L);
        assertThat(chat.demand().requestsPerSecond().levels()).hasSize(2);
        assertThat(chat.demand().cvOutputTokens()).isEqualTo(1.0);
        assertThat(chat.autoscaler().sloTarget()).isEqualTo(0.99);
        assertThat(chat.autoscaler().coolOffMs()).isEqualTo(3_600_000L);
        AgentsSpec.SessionSpec coder = s.agents().sessions().get(0);
        assertThat(coder.patienceMs()).isEqualTo(600_000L);
        assertThat(coder.memoryMib()).isEqualTo(4096);
        assertThat(s.agents().rollouts().get(0).vcpusPerGpu()).isEqualTo(10);
    }

    @Test
    void unknownProfileIsNamedWithItsLine() {
        ScenarioException e = error(scenario(TestScenarios.with(SECTIONS, "r1-gb200-nvl72]", "r1-gb200]")));
        assertThat(e.getMessage())
                .startsWith("test.yaml:42:34: field 'inference.services[0].profiles[1]': found r1-gb200 (did you"
                        + " mean 'r1-gb200-nvl72'?), allowed a serving profile: ");
    }

    @Test
    void profilesOfOneServiceShareTheReplicaShape() {
        ScenarioException e = error(scenario(TestScenarios.with(SECTIONS, "r1-gb200-nvl72]", "llama405b-h200x8]")));
        assertThat(e.getMessage())
                .contains("'inference.services[0].profiles[1]'")
                .contains("72 GPUs per replica");
    }

    @Test
    void maxBelowMinIsRefused() {
        ScenarioException e = error(scenario(TestScenarios.with(SECTIONS, "maxReplicas: 8", "maxReplicas: 0")));
        assertThat(e.getMessage()).startsWith("test.yaml:44:20:").contains("inference.services[0].maxReplicas");
        e = error(scenario(TestScenarios.with(SECTIONS, "minReplicas: 1", "minReplicas: 9")));
        assertThat(e.getMessage()).contains("an integer >= minReplicas (9)");
    }

    @Test
    void sessionsNameAPoolAndAServiceThatExist() {
        ScenarioException e = error(scenario(TestScenarios.with(SECTIONS, "service: chat", "service: chta")));
        assertThat(e.getMessage()).contains("'agents.sessions[0].service'").contains("chat");
        e = error(scenario(TestScenarios.with(SECTIONS, "      cpuPool: pool\n", "      cpuPool: pol\n")));
        assertThat(e.getMessage()).contains("'agents.sessions[0].cpuPool'");
    }

    @Test
    void aShareAboveOneIsRefused() {
        ScenarioException e =
                error(scenario(TestScenarios.with(SECTIONS, "cachedInputShare: 0.5", "cachedInputShare: 1.5")));
        assertThat(e.getMessage())
                .contains("'inference.services[0].demand.cachedInputShare'")
                .contains("0 to 1");
    }

    @Test
    void unknownKeyGetsAHint() {
        ScenarioException e = error(scenario(TestScenarios.with(SECTIONS, "minReplicas: 1", "minReplica: 1")));
        assertThat(e.getMessage())
                .contains("unknown field 'inference.services[0].minReplica'")
                .contains("minReplicas");
    }

    @Test
    void readsAReserveAndTheBorrowingRule() {
        Scenario none = load(scenario(SECTIONS));
        assertThat(none.inference().services().get(0).reserve()).isNull();
        assertThat(none.inference().reserves()).isFalse();
        assertThat(none.inference().borrowMaxRunMs()).isEqualTo(InferenceSpec.DEFAULT_BORROW_MAX_RUN_MS);
        String peak =
                TestScenarios.with(SECTIONS, "maxQueueWait: 30s", "maxQueueWait: 30s\n      reserve: {replicas: peak}");
        Scenario s = load(scenario(TestScenarios.with(peak, "  step: 1m", "  step: 1m\n  borrowMaxRun: 4h")));
        InferenceSpec.ReserveSpec r = s.inference().services().get(0).reserve();
        assertThat(r.atPeak()).isTrue();
        assertThat(r.sites()).isEmpty();
        assertThat(s.inference().borrowMaxRunMs()).isEqualTo(4 * 3_600_000L);
        String fixed = TestScenarios.with(
                SECTIONS, "maxQueueWait: 30s", "maxQueueWait: 30s\n      reserve: {replicas: 6, sites: [iad]}");
        r = load(scenario(fixed)).inference().services().get(0).reserve();
        assertThat(r.replicas()).isEqualTo(6);
        assertThat(r.sites()).containsExactly("iad");
    }

    @Test
    void aBadReserveNamesItsField() {
        String bad =
                TestScenarios.with(SECTIONS, "maxQueueWait: 30s", "maxQueueWait: 30s\n      reserve: {replicas: most}");
        assertThat(error(scenario(bad)).getMessage())
                .contains("field 'inference.services[0].reserve.replicas': found most, allowed peak, or an integer");
        bad = TestScenarios.with(SECTIONS, "maxQueueWait: 30s", "maxQueueWait: 30s\n      reserve: {replicas: 0}");
        assertThat(error(scenario(bad)).getMessage()).contains("'inference.services[0].reserve.replicas': found 0");
        bad = TestScenarios.with(
                SECTIONS, "maxQueueWait: 30s", "maxQueueWait: 30s\n      reserve: {replicas: peak, sites: [lax]}");
        assertThat(error(scenario(bad)).getMessage())
                .contains("'inference.services[0].reserve.sites[0]': found lax")
                .contains("one of the declared sites");
        bad = TestScenarios.with(SECTIONS, "  step: 1m", "  step: 1m\n  borrowMaxRun: 31d");
        assertThat(error(scenario(bad)).getMessage()).contains("field 'inference.borrowMaxRun': found 31d");
    }
}
