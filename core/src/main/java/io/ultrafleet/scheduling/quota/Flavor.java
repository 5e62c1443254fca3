package io.ultrafleet.scheduling.quota;

/**
 * A resource flavour: GPUs of one hardware model ({@code model}, or -1 for any), optionally at one site ({@code site},
 * or -1 for anywhere). Quotas are set per flavour.
 */
public record Flavor(int model, int site) {
    public static final Flavor ANY = new Flavor(-1, -1);

    public boolean matches(int m, int s) {
        return (model < 0 || model == m) && (site < 0 || site == s);
    }
}
