package io.ultrafleet.twin.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.twin.inference.StepDemand;
import io.ultrafleet.twin.scenario.AgentsSpec;
import io.ultrafleet.twin.scenario.LoadCurveSpec;
import io.ultrafleet.twin.serving.LoadCurve;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgentFlowsTest {
    private static final long STEP = 60_000L;

    private static AgentFlows flows(double perSecond) {
        LoadCurveSpec flat = new LoadCurveSpec(List.of(new LoadCurveSpec.Level(0, perSecond)), 1, 12, 1, 0, 1, 0);
        AgentsSpec.SessionSpec s = new AgentsSpec.SessionSpec(
                "coding", "pool", "api", flat, 600_000L, 300_000L, 2, 4096, 0.3, 30, 29, 60_000, 500, 0.8);
        LoadCurve curve = new LoadCurve(flat, 0, 100 * 86_400_000L, new SplittableRandom(1));
        return AgentFlows.of(List.of(s), new int[] {0}, List.of(curve), 1);
    }

    private static void run(AgentFlows f, int steps, long vcpus, double rollouts) {
        for (int i = 1; i <= steps; i++) {
            f.step(i * STEP, STEP, new long[] {vcpus}, new long[] {vcpus * 2048}, new double[] {rollouts});
        }
    }

    @Test
    void withRoomToSpareLiveSessionsFollowLittlesLaw() {
        AgentFlows f = flows(10);
        run(f, 600, 1_000_000, 0);
        // 10 sessions/s x 600 s mean life = 6,000 live sessions, 12,000 vCPUs; nobody waits.
        assertThat(f.live()).isCloseTo(6000, within(30.0));
        assertThat(f.sandboxVcpus()).isCloseTo(12000, within(60.0));
        assertThat(f.waiting()).isLessThan(1e-6);
        // LLM calls: 6,000 sessions x 30 calls / 600 s = 300 calls/s with the session's token shape.
        StepDemand d = f.demandFor("api");
        assertThat(d.requestsPerS()).isCloseTo(300, within(2.0));
        assertThat(d.meanInputTokens()).isEqualTo(60_000);
        assertThat(d.meanOutputTokens()).isEqualTo(500);
        assertThat(d.cachedInputShare()).isCloseTo(0.8, within(1e-12));
        assertThat(f.demandFor("other")).isNull();
    }

    @Test
    void aFullPoolMakesSessionsWaitAndSomeGiveUp() {
        AgentFlows f = flows(10);
        // 10,000 vCPUs, 4,000 of them held by rollouts: room for 3,000 sandboxes of 2 vCPUs.
        run(f, 600, 10_000, 4_000);
        assertThat(f.live()).isCloseTo(3000, within(30.0));
        assertThat(f.waiting()).isGreaterThan(100);
        AgentStats.KindTotals t = f.stats().byKind().get("coding");
        assertThat(t.abandoned()).isGreaterThan(0);
        // Everyone who arrived is admitted, gave up, or still waits.
        assertThat(t.admitted() + t.abandoned() + f.waiting()).isCloseTo(t.arrived(), within(1e-6 * t.arrived()));
        assertThat(t.admissionWaitHoursMean()).isGreaterThan(0);
        assertThat(f.stats().rolloutPeakVcpus()).isEqualTo(4000);
        assertThat(f.stats().peakSandboxes()).isCloseTo(3000, within(30.0));
    }
}
