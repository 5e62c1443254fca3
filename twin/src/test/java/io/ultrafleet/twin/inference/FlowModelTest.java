package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flow model's step: conservation, overload, shedding, steady state, and the autoscaler's questions. */
class FlowModelTest {
    static final StepDemand CHAT = StepDemand.of(1, 1155, 0.96, 211, 0.77);

    private static FlowModel queueing() {
        return new FlowModel(ServiceProfiles.defaultReplay(), 60_000, Overload.queue());
    }

    @Test
    void aLightStepServesWhatArrivesWithinTheSlo() {
        FlowModel m = queueing();
        double perReplica = m.capacityRequestsPerS(CHAT, 1);
        FlowStep s = m.step(CHAT.withRate(0.3 * 4 * perReplica), 4, ServiceState.IDLE);
        assertThat(s.servedRequests()).isCloseTo(s.arrivedRequests(), within(0.05));
        assertThat(s.servedRequestsPerS()).isCloseTo(s.servedRequests() / 60, within(1e-12));
        assertThat(s.utilisation()).isCloseTo(0.3, within(0.01));
        assertThat(s.offeredLoad()).isCloseTo(0.3, within(1e-9));
        assertThat(s.sloAttainment()).isGreaterThan(0.99);
        assertThat(s.inputTokensPerS()).isCloseTo(s.servedRequests() * 1155 / 60, within(1e-6));
        assertThat(s.ttftP50S()).isPositive().isLessThan(s.ttftP99S());
        assertThat(s.e2eP50S()).isGreaterThan(s.ttftP50S()).isLessThan(s.e2eP99S());
        assertThat(s.tpotP50S()).isLessThan(ServiceProfiles.defaultReplay().tpotTargetS());
        assertThat(s.state().decodingRequests()).isPositive();
    }

    @Test
    void anOverloadedStepServesAtCapacityAndCarriesTheRestAsBacklog() {
        FlowModel m = queueing();
        double mu = m.capacityRequestsPerS(CHAT, 3);
        FlowStep s = m.step(CHAT.withRate(2 * mu), 3, ServiceState.IDLE);
        assertThat(s.servedRequests()).isCloseTo(60 * mu, within(1e-6));
        assertThat(s.backlogRequests()).isCloseTo(60 * mu, within(1e-6));
        assertThat(s.utilisation()).isCloseTo(1, within(1e-9));
        assertThat(s.shedRequests()).isZero();
        assertThat(s.sloAttainment())
                .as("waits reach 30 s on average, beyond the 6 s TTFT target")
                .isLessThan(0.3);
        FlowStep drain = m.step(CHAT.withRate(0.5 * mu), 3, s.state());
        assertThat(drain.servedRequests())
                .as("the backlog is served first, at capacity")
                .isCloseTo(60 * mu, within(1e-6));
        assertThat(drain.backlogRequests()).as("it shrinks by mu - lambda").isCloseTo(30 * mu, within(1e-6));
        FlowStep drained = m.step(
                CHAT.withRate(0.5 * mu),
                3,
                m.step(CHAT.withRate(0.5 * mu), 3, drain.state()).state());
        assertThat(drained.backlogRequests()).isLessThan(1);
    }

    @Test
    void sheddingKeepsNoMoreThanTheWaitLimitsWorth() {
        FlowModel m = new FlowModel(ServiceProfiles.defaultReplay(), 60_000, Overload.shedAfter(10_000));
        double mu = m.capacityRequestsPerS(CHAT, 3);
        FlowStep s = m.step(CHAT.withRate(2 * mu), 3, ServiceState.IDLE);
        assertThat(s.backlogRequests()).isCloseTo(10 * mu, within(1e-6));
        assertThat(s.shedRequests()).isCloseTo(50 * mu, within(1e-6));
        assertThat(s.servedRequests() + s.shedRequests() + s.backlogRequests())
                .isCloseTo(s.arrivedRequests(), within(1e-6));
    }

    @Test
    void withoutReplicasNothingIsServed() {
        FlowStep q = queueing().step(CHAT, 0, ServiceState.of(5, CHAT, 3));
        assertThat(q.servedRequests()).isZero();
        assertThat(q.backlogRequests())
                .as("requests that were decoding are not served again")
                .isCloseTo(65, within(1e-9));
        assertThat(q.state().decodingRequests()).isZero();
        FlowStep s = new FlowModel(ServiceProfiles.defaultReplay(), 60_000, Overload.shedAfter(1_000))
                .step(CHAT, 0, ServiceState.IDLE);
        assertThat(s.shedRequests()).isCloseTo(60, within(1e-9));
        assertThat(s.sloAttainment()).isZero();
    }

    @Test
    void requestsAreConservedOverAnyRunOfSteps() {
        SplittableRandom random = new SplittableRandom(11);
        for (Overload overload : new Overload[] {Overload.queue(), Overload.shedAfter(20_000)}) {
            FlowModel m = new FlowModel(ServiceProfiles.defaultReplay(), 60_000, overload);
            ServiceState state = ServiceState.IDLE;
            double arrived = 0;
            double served = 0;
            double shed = 0;
            for (int k = 0; k < 2_000; k++) {
                StepDemand d = StepDemand.of(
                                random.nextDouble() * 8,
                                100 + random.nextDouble() * 4_000,
                                random.nextDouble() * 2,
                                2 + random.nextDouble() * 500,
                                random.nextDouble() * 1.5)
                        .withArrivalCv(0.5 + random.nextDouble() * 2);
                FlowStep s = m.step(d, random.nextInt(6), state);
                assertThat(s.sloAttainment()).isBetween(0.0, 1.0);
                assertThat(s.utilisation()).isBetween(0.0, 1.0 + 1e-9);
                state = s.state();
                arrived += s.arrivedRequests();
                served += s.servedRequests();
                shed += s.shedRequests();
            }
            assertThat(served + shed + state.queuedRequests())
                    .as("%s", overload)
                    .isCloseTo(arrived, within(1e-6 * arrived));
        }
    }

    @Test
    void theSteadyStateIsAFixedPointAndAttainmentFallsWithLoad() {
        FlowModel m = queueing();
        double perReplica = m.capacityRequestsPerS(CHAT, 1);
        double previous = 1;
        for (double load : new double[] {0.2, 0.5, 0.8, 0.95, 0.99}) {
            StepDemand d = CHAT.withRate(load * 5 * perReplica);
            ServiceState steady = m.steadyState(d, 5);
            FlowStep s = m.step(d, 5, steady);
            assertThat(s.state().queuedRequests()).isCloseTo(steady.queuedRequests(), within(1e-6));
            assertThat(s.state().decodingRequests())
                    .isCloseTo(steady.decodingRequests(), within(1e-6 * (1 + steady.decodingRequests())));
            assertThat(s.sloAttainment()).as("load %s", load).isLessThanOrEqualTo(previous + 1e-12);
            previous = s.sloAttainment();
        }
        assertThat(previous).isLessThan(0.9);
    }

    @Test
    void theAutoscalerGetsTheFewestReplicasThatMeetItsTarget() {
        FlowModel m = new FlowModel(ServiceProfiles.defaultReplay().withSlo(4_500, 80), 60_000, Overload.queue());
        StepDemand d = CHAT.withRate(20);
        int forUtilisation = m.replicasForUtilisation(d, 0.6);
        assertThat(d.requestsPerS() / m.capacityRequestsPerS(d, forUtilisation)).isLessThanOrEqualTo(0.6);
        assertThat(d.requestsPerS() / m.capacityRequestsPerS(d, forUtilisation - 1))
                .isGreaterThan(0.6);
        int forSlo = m.replicasForSlo(d, 0.99, 1_000);
        assertThat(m.step(d, forSlo, m.steadyState(d, forSlo)).sloAttainment()).isGreaterThanOrEqualTo(0.99);
        assertThat(m.step(d, forSlo - 1, m.steadyState(d, forSlo - 1)).sloAttainment())
                .isLessThan(0.99);
        assertThat(m.replicasForSlo(d, 0.99, 3)).as("capped").isEqualTo(3);
        assertThat(m.replicasForSlo(d.withRate(0), 0.99, 10)).isEqualTo(1);
        assertThatThrownBy(() -> m.replicasForUtilisation(d, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
