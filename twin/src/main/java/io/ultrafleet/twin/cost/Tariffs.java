package io.ultrafleet.twin.cost;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.fleet.CpuPools;
import io.ultrafleet.twin.scenario.CostSpec;
import io.ultrafleet.twin.scenario.CostSpec.ContractSpec;
import io.ultrafleet.twin.scenario.CostSpec.OverflowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who bills each cell of the fleet (a hardware model at a site, {@code site * models + model}) and each CPU pool, at
 * what rate, at any simulated time: the contract whose term covers it, else the overflow entry that prices it, else
 * nobody (unpriced). Times are simulated milliseconds since the scenario epoch.
 */
public final class Tariffs {
    /**
     * One party that is paid: a contract or an overflow entry.
     *
     * @param kind {@code reserved} or {@code on-use} for a contract; the overflow kind for overflow
     * @param reserved whether every online GPU is billed (else only GPUs held by jobs)
     * @param contract the contract, or null for overflow
     */
    public record Payer(String name, String provider, String kind, boolean reserved, ContractSpec contract) {}

    /** A rate in force: the payer's index, dollars per GPU-hour (or vCPU-hour), and whether it bills online GPUs. */
    public record Rate(int payer, double usdPerHour, boolean reserved) {
        public static final Rate NONE = new Rate(-1, 0, false);
    }

    private record Segment(long fromMs, long toMs, Rate rate) {}

    private final List<Payer> payers = new ArrayList<>();
    private final List<List<Segment>> gpuSegments = new ArrayList<>();
    private final Rate[] gpuFallback;
    private final List<List<Segment>> cpuSegments = new ArrayList<>();
    private final Rate[] cpuFallback;
    private final TreeSet<Long> boundaries = new TreeSet<>();
    private final int models;

    public Tariffs(CostSpec spec, FleetState state, CpuPools pools, Epoch epoch) {
        Topology topo = state.topology();
        this.models = state.modelCount();
        int cells = topo.siteCount() * models;
        for (int c = 0; c < cells; c++) {
            gpuSegments.add(new ArrayList<>());
        }
        for (int p = 0; p < pools.count(); p++) {
            cpuSegments.add(new ArrayList<>());
        }
        gpuFallback = new Rate[cells];
        cpuFallback = new Rate[pools.count()];
        java.util.Arrays.fill(gpuFallback, Rate.NONE);
        java.util.Arrays.fill(cpuFallback, Rate.NONE);
        for (ContractSpec c : spec.contracts()) {
            int payer = payers.size();
            boolean reserved = c.billing() == CostSpec.Billing.RESERVED;
            payers.add(new Payer(c.name(), c.provider(), c.billing().key(), reserved, c));
            long from = epoch.toTime(c.startMs());
            long to = epoch.toTime(c.endMs());
            boundaries.add(from);
            boundaries.add(to);
            for (String site : c.sites()) {
                int s = topo.siteIndex(site);
                for (Map.Entry<String, Double> e : c.gpuHourUsd().entrySet()) {
                    int m = state.modelIndex(e.getKey());
                    if (m >= 0) {
                        gpuSegments
                                .get(s * models + m)
                                .add(new Segment(from, to, new Rate(payer, e.getValue(), reserved)));
                    }
                }
                if (c.vcpuHourUsd() >= 0) {
                    for (int p = 0; p < pools.count(); p++) {
                        if (pools.site(p) == s) {
                            cpuSegments.get(p).add(new Segment(from, to, new Rate(payer, c.vcpuHourUsd(), true)));
                        }
                    }
                }
            }
        }
        for (OverflowSpec o : spec.overflow()) {
            int payer = payers.size();
            payers.add(new Payer(o.name(), o.provider(), o.kind().key(), false, null));
            for (String site : o.sites()) {
                int s = topo.siteIndex(site);
                for (Map.Entry<String, Double> e : o.gpuHourUsd().entrySet()) {
                    int m = state.modelIndex(e.getKey());
                    if (m >= 0) {
                        gpuFallback[s * models + m] = new Rate(payer, e.getValue(), false);
                    }
                }
                if (o.vcpuHourUsd() >= 0) {
                    for (int p = 0; p < pools.count(); p++) {
                        if (pools.site(p) == s) {
                            cpuFallback[p] = new Rate(payer, o.vcpuHourUsd(), true);
                        }
                    }
                }
            }
        }
    }

    public List<Payer> payers() {
        return List.copyOf(payers);
    }

    /** The rate of GPUs in {@code cell} at {@code t}. */
    public Rate gpu(int cell, long t) {
        return at(gpuSegments.get(cell), gpuFallback[cell], t);
    }

    /**
     * The list price of a GPU-hour in {@code cell} ({@code site * models + model}): the rate of its first contract term,
     * else of the overflow entry that prices it; 0 when nothing does.
     */
    public double listPrice(int cell) {
        List<Segment> segments = gpuSegments.get(cell);
        if (!segments.isEmpty()) {
            return segments.get(0).rate().usdPerHour();
        }
        return gpuFallback[cell].payer() >= 0 ? gpuFallback[cell].usdPerHour() : 0;
    }

    /** The rate of vCPUs in {@code pool} at {@code t}; CPU pools are billed while online. */
    public Rate cpu(int pool, long t) {
        return at(cpuSegments.get(pool), cpuFallback[pool], t);
    }

    private static Rate at(List<Segment> segments, Rate fallback, long t) {
        for (Segment s : segments) {
            if (s.fromMs() <= t && t < s.toMs()) {
                return s.rate();
            }
        }
        return fallback;
    }

    /** Whether some contract covers GPUs at the site at some time (else only overflow, if anything, prices them). */
    public boolean contracted(int site) {
        for (int m = 0; m < models; m++) {
            if (!gpuSegments.get(site * models + m).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lowest marginal price of a GPU-hour at the site: 0 under a reserved contract (already paid for), the rate
     * under an on-use contract; at a site no contract covers, the overflow price; 0 when nothing prices it.
     */
    public double marginalPrice(int site) {
        boolean contracted = contracted(site);
        double best = Double.POSITIVE_INFINITY;
        for (int m = 0; m < models; m++) {
            int c = site * models + m;
            if (contracted) {
                for (Segment s : gpuSegments.get(c)) {
                    best = Math.min(best, s.rate().reserved() ? 0 : s.rate().usdPerHour());
                }
            } else if (gpuFallback[c].payer() >= 0) {
                best = Math.min(best, gpuFallback[c].usdPerHour());
            }
        }
        return best == Double.POSITIVE_INFINITY ? 0 : best;
    }

    /** Simulated times at which a contract term starts or ends, in order. */
    public List<Long> boundaries() {
        return new ArrayList<>(boundaries);
    }
}
