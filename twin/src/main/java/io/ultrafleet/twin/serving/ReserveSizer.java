package io.ultrafleet.twin.serving;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.sites.ServingReserve;
import io.ultrafleet.twin.scenario.InferenceSpec;
import java.util.List;

/**
 * Sizes the {@link ServingReserve} after every flow step: each service with a reserve holds back its replicas' worth of
 * GPUs (a fixed count, or its daily peak: the most replicas its autoscaler needed in any of the last 24 hours), split
 * over its sites in proportion to the GPUs of its hardware online at each. A site's reserve is the sum over services.
 */
final class ReserveSizer {
    private static final long HOUR_MS = 3_600_000L;
    private static final int HOURS = 24;

    private final ServingReserve reserve;
    private final FleetView fleet;
    private final List<ServiceRuntime> services;
    private final long[] modelMask;
    private final boolean[][] atSite;
    /** Per service, the most replicas needed in each of the last 24 hours (a ring indexed by hour). */
    private final int[][] hourlyPeak;

    private long hour = -1;

    ReserveSizer(ServingReserve reserve, FleetView fleet, List<ServiceRuntime> services) {
        this.reserve = reserve;
        this.fleet = fleet;
        this.services = services;
        int n = services.size();
        int sites = fleet.topology().siteCount();
        this.modelMask = new long[n];
        this.atSite = new boolean[n][sites];
        this.hourlyPeak = new int[n][HOURS];
        for (int i = 0; i < n; i++) {
            ServiceRuntime s = services.get(i);
            for (String hw : s.hardware()) {
                int m = fleet.modelIndex(hw);
                if (m >= 0) {
                    modelMask[i] |= 1L << m;
                }
            }
            InferenceSpec.ReserveSpec r = s.spec.reserve();
            for (int site = 0; site < sites; site++) {
                atSite[i][site] = r != null
                        && (r.sites().isEmpty()
                                || r.sites().contains(fleet.topology().siteName(site)));
            }
        }
    }

    /** The models of every service with a reserve, as a mask of model indices. */
    static long models(FleetView fleet, List<ServiceRuntime> services) {
        long mask = 0;
        for (ServiceRuntime s : services) {
            if (s.spec.reserve() != null) {
                for (String hw : s.hardware()) {
                    int m = fleet.modelIndex(hw);
                    if (m >= 0) {
                        mask |= 1L << m;
                    }
                }
            }
        }
        return mask;
    }

    /** After the step ending at {@code now}: records each service's need and sets every site's reserve. */
    void stepDone(long now) {
        long h = Math.floorDiv(now, HOUR_MS);
        int slot = (int) Math.floorMod(h, HOURS);
        boolean newHour = h != hour;
        hour = h;
        int sites = fleet.topology().siteCount();
        long[] keep = new long[sites];
        for (int i = 0; i < services.size(); i++) {
            ServiceRuntime s = services.get(i);
            InferenceSpec.ReserveSpec r = s.spec.reserve();
            if (r == null) {
                continue;
            }
            int[] ring = hourlyPeak[i];
            ring[slot] = newHour ? s.lastNeed() : Math.max(ring[slot], s.lastNeed());
            long replicas = r.atPeak() ? max(ring) : r.replicas();
            long gpus = replicas * s.gpusPerReplica();
            long total = 0;
            long[] online = new long[sites];
            for (int site = 0; site < sites; site++) {
                if (atSite[i][site]) {
                    online[site] = onlineGpus(site, modelMask[i]);
                    total += online[site];
                }
            }
            if (total == 0) {
                continue;
            }
            for (int site = 0; site < sites; site++) {
                keep[site] += Math.round((double) gpus * online[site] / total);
            }
        }
        for (int site = 0; site < sites; site++) {
            reserve.keep(site, keep[site]);
        }
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private long onlineGpus(int site, long mask) {
        long n = 0;
        for (int m = 0; m < fleet.modelCount(); m++) {
            if ((mask & (1L << m)) != 0) {
                n += (long) fleet.onlineRacks(site, m) * fleet.model(m).gpusPerDomain();
            }
        }
        return n;
    }
}
