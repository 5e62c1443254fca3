package io.ultrafleet.twin.inference;

import java.util.Arrays;

/**
 * A distribution of latencies as a weighted mixture of gamma distributions ({@link GammaDist}), each fitted to a
 * mean and a variance. The flow model describes a step's latencies this way (requests that started at once, requests
 * that waited, requests that sat in a backlog), and a replay mixes the steps' mixtures. Quantiles are found by
 * bisection on the log scale.
 */
public final class LatencyMix {
    private static final int BISECTIONS = 32;

    private static final double[] NONE = new double[0];

    private double[] weight = NONE;
    private double[] mean = NONE;
    private double[] variance = NONE;
    private double[] shape = NONE;
    private double[] lnGammaShape = NONE;
    private int size;
    private double total;

    /** Adds a component of weight {@code w} with the given mean ({@code > 0}) and variance ({@code >= 0}). */
    public LatencyMix add(double w, double m, double var) {
        if (!(w > 0) || !(m > 0)) {
            return this;
        }
        if (size == weight.length) {
            int capacity = Math.max(2, size * 2);
            weight = Arrays.copyOf(weight, capacity);
            mean = Arrays.copyOf(mean, capacity);
            variance = Arrays.copyOf(variance, capacity);
            shape = Arrays.copyOf(shape, capacity);
            lnGammaShape = Arrays.copyOf(lnGammaShape, capacity);
        }
        weight[size] = w;
        mean[size] = m;
        variance[size] = Math.max(0, var);
        double k = var > 0 ? m * m / var : Double.POSITIVE_INFINITY;
        shape[size] = k;
        lnGammaShape[size] = var > 0 && !GammaDist.nearlyNormal(k) ? GammaDist.lnGamma(k) : 0;
        size++;
        total += w;
        return this;
    }

    /** Adds every component of {@code other}, its weights scaled so that they sum to {@code w}. */
    public LatencyMix addAll(LatencyMix other, double w) {
        if (!(w > 0) || other.total <= 0) {
            return this;
        }
        for (int i = 0; i < other.size; i++) {
            add(other.weight[i] / other.total * w, other.mean[i], other.variance[i]);
        }
        return this;
    }

    public boolean isEmpty() {
        return total <= 0;
    }

    /** The mean; NaN for an empty mixture. */
    public double mean() {
        if (total <= 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += weight[i] * mean[i];
        }
        return sum / total;
    }

    /** P(X <= x); NaN for an empty mixture. */
    public double cdf(double x) {
        if (total <= 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double c;
            if (variance[i] == 0) {
                c = x >= mean[i] ? 1 : 0;
            } else {
                c = x <= 0 ? 0 : GammaDist.regularizedLower(shape[i], x * shape[i] / mean[i], lnGammaShape[i]);
            }
            sum += weight[i] * c;
        }
        return sum / total;
    }

    /** The {@code p}-quantile; NaN for an empty mixture. */
    public double quantile(double p) {
        if (total <= 0) {
            return Double.NaN;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < size; i++) {
            lo = Math.min(lo, mean[i]);
            hi = Math.max(hi, mean[i] + 40 * Math.sqrt(variance[i]));
        }
        double logLo = Math.log(lo) - 30;
        double logHi = Math.log(hi) + 1;
        for (int k = 0; k < BISECTIONS; k++) {
            double mid = 0.5 * (logLo + logHi);
            if (cdf(Math.exp(mid)) < p) {
                logLo = mid;
            } else {
                logHi = mid;
            }
        }
        return Math.exp(0.5 * (logLo + logHi));
    }
}
