package io.ultrafleet.twin.inference;

/**
 * The gamma distribution, fitted by its mean and variance (shape {@code k = mean^2 / var}, scale {@code var /
 * mean}), which the flow model uses for token counts and latencies: with a coefficient of variation above 1 it puts
 * the mass near zero that prefix-cache hits and short answers make. Its CDF is the regularized lower incomplete gamma
 * function, by its power series below {@code k + 1} and by its continued fraction (modified Lentz) above; for shapes
 * above {@value #NORMAL_SHAPE} the Wilson-Hilferty normal approximation. {@code ln Gamma} is Stirling's series after
 * shifting the argument above 10.
 */
final class GammaDist {
    private static final double NORMAL_SHAPE = 100;
    private static final double EPS = 1e-9;
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 1000;
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    private GammaDist() {}

    /** P(X <= x) for a gamma X of the given mean and variance; a point mass at the mean when the variance is 0. */
    static double cdf(double x, double mean, double variance) {
        if (mean <= 0) {
            return 1;
        }
        if (variance <= 0) {
            return x >= mean ? 1 : 0;
        }
        if (x <= 0) {
            return 0;
        }
        double shape = mean * mean / variance;
        return regularizedLower(shape, x * mean / variance);
    }

    /** P(k, z): the regularized lower incomplete gamma function. */
    static double regularizedLower(double k, double z) {
        return regularizedLower(k, z, k > NORMAL_SHAPE ? 0 : lnGamma(k));
    }

    /** P(k, z) given {@code ln Gamma(k)}, for callers that evaluate one shape many times. */
    static double regularizedLower(double k, double z, double lnGammaK) {
        if (z <= 0) {
            return 0;
        }
        if (k > NORMAL_SHAPE) {
            double c = 1 / (9 * k);
            return Normal.cdf((Math.cbrt(z / k) - (1 - c)) / Math.sqrt(c));
        }
        double logFront = -z + k * Math.log(z) - lnGammaK;
        if (z < k + 1) {
            double term = 1 / k;
            double sum = term;
            for (int n = 1; n < MAX_TERMS; n++) {
                term *= z / (k + n);
                sum += term;
                if (term < sum * EPS) {
                    break;
                }
            }
            return Math.min(1, sum * Math.exp(logFront));
        }
        double b = z + 1 - k;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_TERMS; i++) {
            double an = -i * (i - k);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.max(0, 1 - Math.exp(logFront) * h);
    }

    /** Whether shape {@code k} is evaluated by the normal approximation (no {@code ln Gamma} needed). */
    static boolean nearlyNormal(double k) {
        return k > NORMAL_SHAPE;
    }

    /** ln Gamma(x) for x > 0. */
    static double lnGamma(double x) {
        double product = 1;
        while (x < 10) {
            product *= x;
            x += 1;
        }
        double shift = Math.log(product);
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series - shift;
    }
}
