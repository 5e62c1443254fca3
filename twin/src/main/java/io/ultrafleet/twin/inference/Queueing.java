package io.ultrafleet.twin.inference;

/**
 * Queueing formulas for the flow model, each in O(1) or O(256) at most.
 *
 * <ul>
 *   <li>Erlang C, the probability that an arrival waits in an M/M/c queue with offered load {@code a = lambda /
 *       mu}: exact through the Erlang B recursion {@code B(k) = a B(k-1) / (k + a B(k-1))}, {@code C = c B / (c -
 *       a (1 - B))} for up to {@value #EXACT_SERVERS} servers; above that the Halfin-Whitt limit {@code 1 / (1 + beta
 *       Phi(beta) / phi(beta))} with {@code beta = (c - a) / sqrt(a)}.
 *   <li>Allen-Cunneen, the mean wait in a G/G/c queue: the M/M/c wait {@code C(c, a) E[S] / (c - a)} times {@code
 *       (ca^2 + cs^2) / 2}, the squared coefficients of variation of inter-arrival and service times.
 * </ul>
 */
public final class Queueing {
    /** Largest server count for which Erlang C is computed exactly. */
    public static final int EXACT_SERVERS = 256;

    private Queueing() {}

    /** Probability of waiting in M/M/c with {@code servers} servers and offered load {@code a < servers}. */
    public static double erlangC(int servers, double a) {
        if (servers < 1 || !(a >= 0)) {
            throw new IllegalArgumentException("erlangC needs servers >= 1 and a >= 0");
        }
        if (a == 0) {
            return 0;
        }
        if (a >= servers) {
            return 1;
        }
        if (servers <= EXACT_SERVERS) {
            double b = 1;
            for (int k = 1; k <= servers; k++) {
                b = a * b / (k + a * b);
            }
            return servers * b / (servers - a * (1 - b));
        }
        double beta = (servers - a) / Math.sqrt(a);
        return 1 / (1 + beta * Normal.cdf(beta) / Normal.pdf(beta));
    }

    /**
     * {@link #erlangC} at two offered loads for one server count, {@code [C(servers, a), C(servers, b)]}: the same
     * values, with the two exact recursions run side by side so that their divisions overlap.
     */
    public static double[] erlangC(int servers, double a, double b) {
        if (servers > EXACT_SERVERS || !(a > 0) || !(b > 0) || a >= servers || b >= servers) {
            return new double[] {erlangC(servers, a), erlangC(servers, b)};
        }
        double ba = 1;
        double bb = 1;
        for (int k = 1; k <= servers; k++) {
            ba = a * ba / (k + a * ba);
            bb = b * bb / (k + b * bb);
        }
        return new double[] {servers * ba / (servers - a * (1 - ba)), servers * bb / (servers - b * (1 - bb))};
    }

    /**
     * Mean wait in queue of a G/G/c queue by Allen-Cunneen.
     *
     * @param meanServiceS mean service time, seconds
     * @param arrivalCv2 squared coefficient of variation of inter-arrival times (1 for Poisson)
     * @param serviceCv2 squared coefficient of variation of service times (1 for exponential)
     */
    public static double allenCunneenWaitS(
            int servers, double a, double meanServiceS, double arrivalCv2, double serviceCv2) {
        if (a >= servers) {
            return Double.POSITIVE_INFINITY;
        }
        return erlangC(servers, a) * meanServiceS / (servers - a) * (arrivalCv2 + serviceCv2) / 2;
    }
}
