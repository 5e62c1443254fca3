package io.ultrafleet.bench.peers;

import java.util.SplittableRandom;

/**
 * The workload both simulators run in {@code ultrafleet bench peers}: {@code hosts} hosts of {@link #PES_PER_HOST}
 * GPUs (CloudSim Plus: processing elements), and as many jobs (CloudSim Plus: one VM with one cloudlet each), drawn
 * from a seed so that both sides get exactly the same list.
 *
 * <ul>
 *   <li>size: 1, 2, 4 or 8 GPUs with weights 4 : 3 : 2 : 1 (mean 2.6), so any job fits an empty host;
 *   <li>arrival: a Poisson process over one day (mean gap one day / jobs), rounded down to a {@link #STEP_MIN}-minute
 *       step;
 *   <li>length: lognormal, median 4 h, sigma 1, between one step and 3 days, rounded to whole steps.
 * </ul>
 *
 * Times come in steps of 10 minutes, as a trace sampled every 10 minutes would give them, because CloudSim Plus
 * updates every host at every distinct event time: at one-minute steps its run at 10,000 hosts already took 93 s on
 * the 2-core machine of {@code docs/benchmarks/placement-and-scale.md}, and 100,000 hosts would take hours.
 *
 * With as many jobs as hosts every job finds room on arrival under any placement rule, so both sides must start each
 * job when it arrives and end it one length later: the same jobs completed and the same GPU time, whatever host each
 * side picks.
 *
 * @param submitMin arrival of job {@code i}, in minutes from the start, non-decreasing
 * @param pes GPUs of job {@code i}
 * @param lengthMin run time of job {@code i}, in minutes
 */
public record PeerWorkload(int hosts, int[] submitMin, int[] pes, int[] lengthMin) {
    public static final int PES_PER_HOST = 8;
    /** The time step of arrivals and lengths, in minutes. */
    public static final int STEP_MIN = 10;

    private static final int[] SIZES = {1, 2, 4, 8};
    private static final int[] WEIGHTS = {4, 3, 2, 1};
    private static final double DAY_MIN = 24 * 60;
    private static final double MEDIAN_MIN = 240;
    private static final double SIGMA = 1.0;
    private static final int MAX_LENGTH_MIN = 3 * 24 * 60;

    /** {@code hosts} hosts and as many jobs, drawn from {@code seed}. */
    public static PeerWorkload generate(int hosts, long seed) {
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be >= 1: " + hosts);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = hosts;
        int[] submit = new int[n];
        int[] pes = new int[n];
        int[] length = new int[n];
        double meanGap = DAY_MIN / n;
        double t = 0;
        int weightSum = 0;
        for (int w : WEIGHTS) {
            weightSum += w;
        }
        for (int i = 0; i < n; i++) {
            t += -Math.log(1 - rnd.nextDouble()) * meanGap;
            submit[i] = (int) (t / STEP_MIN) * STEP_MIN;
            int pick = rnd.nextInt(weightSum);
            int k = 0;
            while (pick >= WEIGHTS[k]) {
                pick -= WEIGHTS[k++];
            }
            pes[i] = SIZES[k];
            double len = MEDIAN_MIN * Math.exp(SIGMA * gaussian(rnd));
            long steps = Math.max(1, Math.min(MAX_LENGTH_MIN / STEP_MIN, Math.round(len / STEP_MIN)));
            length[i] = (int) steps * STEP_MIN;
        }
        return new PeerWorkload(hosts, submit, pes, length);
    }

    public int jobs() {
        return pes.length;
    }

    /** GPU-minutes of all jobs together: what both sides must complete. */
    public long workPeMinutes() {
        long w = 0;
        for (int i = 0; i < pes.length; i++) {
            w += (long) pes[i] * lengthMin[i];
        }
        return w;
    }

    /** When the last job ends, in minutes from the start, if every job starts on arrival. */
    public long makespanMin() {
        long end = 0;
        for (int i = 0; i < pes.length; i++) {
            end = Math.max(end, (long) submitMin[i] + lengthMin[i]);
        }
        return end;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller, one value per call: simple and deterministic.
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
