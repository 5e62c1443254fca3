package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The request-level simulator on traces small enough to follow by hand, and against queueing theory. */
class RequestLevelSimulatorTest {
    private static InferenceTrace trace(long[] arrivalsMs, int[] in, int[] out) {
        return new InferenceTrace("t", TraceFormat.AZURE, arrivalsMs, in, out, null);
    }

    private static RequestLevelSimulator run(InferenceTrace t, int replicas, Overload overload) {
        return RequestLevelSimulator.simulate(t, new int[t.size()], TestProfiles.round(), replicas, overload, 60_000);
    }

    @Test
    void oneRequestPrefillsThenDecodes() {
        // 1000 prompt tokens at 500 per 50 ms step: 100 ms; then 10 tokens alone at 19 ms each.
        RequestLevelSimulator s = run(trace(new long[] {0}, new int[] {1000}, new int[] {11}), 1, Overload.queue());
        assertThat(s.ttftUs(0)).isCloseTo(100_000, within(2L));
        assertThat(s.e2eUs(0)).isCloseTo(290_000, within(12L));
        ServingMetrics m = s.metrics();
        assertThat(m.sloAttainment()).isEqualTo(1);
        assertThat(m.tpotP50S()).isCloseTo(0.019, within(1e-5));
        assertThat(m.throughputTokensPerS()).isCloseTo(1011 / 60.0, within(1e-9));
    }

    @Test
    void twoRequestsShareTheReplica() {
        // The second prefills while the first decodes in 50.1 ms mixed steps (2 tokens), then both decode at 28 ms
        // per step: the first needs 8 more (224 ms), the second 10, its last 2 alone at 19 ms.
        RequestLevelSimulator s =
                run(trace(new long[] {0, 0}, new int[] {1000, 1000}, new int[] {11, 11}), 1, Overload.queue());
        assertThat(s.ttftUs(0)).isCloseTo(100_000, within(5L));
        assertThat(s.ttftUs(1)).isCloseTo(200_200, within(5L));
        assertThat(s.e2eUs(0)).isCloseTo(424_200, within(30L));
        assertThat(s.e2eUs(1)).isCloseTo(462_200, within(30L));
        RequestLevelSimulator two =
                run(trace(new long[] {0, 0}, new int[] {1000, 1000}, new int[] {11, 11}), 2, Overload.queue());
        assertThat(two.e2eUs(1)).as("on two replicas, no sharing").isCloseTo(290_000, within(12L));
    }

    @Test
    void requestsWaitingLongerThanTheLimitAreShed() {
        long[] at = new long[10];
        int[] in = new int[10];
        int[] out = new int[10];
        java.util.Arrays.fill(in, 5_000);
        java.util.Arrays.fill(out, 2);
        // each prefill takes 500 ms on the one replica; a 1.2 s limit lets the first three start
        RequestLevelSimulator s = run(trace(at, in, out), 1, Overload.shedAfter(1_200));
        ServingMetrics m = s.metrics();
        assertThat(m.servedRequests()).isEqualTo(3);
        assertThat(m.shedRequests()).isEqualTo(7);
        assertThat(s.shed(3)).isTrue();
        // only the first meets the 1 s TTFT target: the second's prefill shares its steps with the first's decode
        // (50.1 ms steps), so its first token comes after 0.5 + 0.501 s
        assertThat(m.sloAttainment()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aPureDecodeServerHasTheNegativeBinomialBatch() {
        // Processor sharing with steps of t0 + t1 b: the batch is negative binomial with mean (t0/t1 + 1) rho/(1-rho)
        // for Poisson arrivals, whatever the output lengths.
        int n = 40_000;
        double rho = 0.6;
        double lambda = rho / (100 * 0.009);
        SplittableRandom random = new SplittableRandom(7);
        long[] at = new long[n];
        int[] in = new int[n];
        int[] out = new int[n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            at[i] = Math.round(t * 1000);
            in[i] = 1;
            out[i] = 1 + (int) Math.round(-Math.log(1 - random.nextDouble()) * 100);
        }
        InferenceTrace tr = trace(at, in, out);
        ServingMetrics m =
                RequestLevelSimulator.run(tr, new int[n], TestProfiles.decodeOnly(), 1, Overload.queue(), 60_000);
        double mean = 0;
        for (int o : out) {
            mean += Math.max(0, o - 1);
        }
        double rhoTrace = n / (tr.spanMs() / 1000.0) * mean / n * 0.009;
        assertThat(m.meanBatch()).isCloseTo((10 / 9.0 + 1) * rhoTrace / (1 - rhoTrace), within(0.1));
    }

    @Test
    void theSameTraceGivesTheSameResult() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 2_000;
        long[] at = new long[n];
        int[] in = new int[n];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = i * 150L + random.nextInt(100);
            in[i] = 10 + random.nextInt(3_000);
            out[i] = 1 + random.nextInt(200);
        }
        InferenceTrace tr = trace(at, in, out);
        assertThat(run(tr, 3, Overload.queue()).metrics())
                .isEqualTo(run(tr, 3, Overload.queue()).metrics());
    }
}
