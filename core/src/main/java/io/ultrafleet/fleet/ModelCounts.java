package io.ultrafleet.fleet;

/**
 * The fleet's counters per hardware model (and per site and model): racks in the fleet and in service, units free,
 * held and down, and a version that changes whenever a rack joins or leaves. {@link FleetState} keeps them exact on
 * every change and answers its totals from them.
 */
final class ModelCounts {
    private final HardwareModel[] models;
    final int[] schedulableRacks;
    final long[] freeUnits;
    final int[] onlineRacks;
    final long[] allocatedUnits;
    final long[] downUnits;
    // racks in the fleet per site and model: site * models + model
    final int[] onlineBySite;
    long onlineVersion;

    ModelCounts(HardwareModel[] models, int sites) {
        this.models = models;
        int m = models.length;
        schedulableRacks = new int[m];
        freeUnits = new long[m];
        onlineRacks = new int[m];
        allocatedUnits = new long[m];
        downUnits = new long[m];
        onlineBySite = new int[sites * m];
    }

    /** A rack joined the fleet at {@code site}. */
    void joined(int site, int model) {
        onlineRacks[model]++;
        onlineBySite[site * models.length + model]++;
        onlineVersion++;
    }

    /** A rack left the fleet at {@code site}. */
    void left(int site, int model) {
        onlineRacks[model]--;
        onlineBySite[site * models.length + model]--;
        onlineVersion++;
    }

    int onlineRacks(int site, int model) {
        return onlineBySite[site * models.length + model];
    }

    long onlineGpus() {
        long n = 0;
        for (int m = 0; m < models.length; m++) {
            n += (long) onlineRacks[m] * models[m].gpusPerDomain();
        }
        return n;
    }

    long allocatedGpus() {
        long n = 0;
        for (int m = 0; m < models.length; m++) {
            n += allocatedUnits[m] * models[m].gpusPerUnit();
        }
        return n;
    }

    long downGpus() {
        long n = 0;
        for (int m = 0; m < models.length; m++) {
            n += downUnits[m] * models[m].gpusPerUnit();
        }
        return n;
    }

    int onlineRacks() {
        int n = 0;
        for (int c : onlineRacks) {
            n += c;
        }
        return n;
    }
}
