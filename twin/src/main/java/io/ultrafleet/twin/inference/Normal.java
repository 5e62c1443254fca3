package io.ultrafleet.twin.inference;

/** The standard normal distribution, written out so results do not change with the Java version. */
final class Normal {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private Normal() {}

    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / SQRT_2PI;
    }

    /**
     * The CDF, through erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): {@code erf(x) = 1 -
     * (a1 t + a2 t^2 + a3 t^3 + a4 t^4 + a5 t^5) exp(-x^2)} with {@code t = 1 / (1 + p x)}.
     */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erfc = poly * Math.exp(-x * x);
        return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }
}
