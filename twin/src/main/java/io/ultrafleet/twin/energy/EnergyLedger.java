package io.ultrafleet.twin.energy;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareModel;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.twin.fleet.CpuPools;
import io.ultrafleet.twin.metrics.SiteUsage;
import io.ultrafleet.twin.scenario.EnergySpec;

/**
 * Energy, power and carbon of the fleet, per site, step by step. A GPU draws its share of its domain's idle power while
 * online and its share of the busy power while busy; CPU hosts draw per vCPU at the mean utilisation plus per GiB of
 * memory; the facility draws IT power times the site's PUE. Carbon is facility energy times the site's grid intensity
 * (location-based, and market-based when given); electricity cost is a shadow cost at the site's price.
 *
 * <p>Busy GPU-hours per site are the site's allocated GPU-hours times the fleet-wide busy share of the step (they
 * differ only by the unused GPUs of trays given to jobs smaller than a tray, and by elastic jobs above their size).
 * Peak power is the largest mean over one time-series step.
 */
public final class EnergyLedger {
    private static final double MS_PER_HOUR = 3_600_000.0;

    private final int sites;
    private final String[] siteName;
    private final String[] siteProvider;
    private final double[] idleW;
    private final double[] extraBusyW;
    private final double[] pue;
    private final double[] grid;
    private final double[] market;
    private final double[] price;
    private final double[] poolW;
    private final int[] poolSite;
    private final long[] lastOnline;
    private final long[] lastAlloc;
    private final long[] lastVcpu;
    private final double[] siteItWh;
    private final double[] siteWh;
    private final double[] sitePeakMw;
    private double peakMw;
    private double gpuWh;
    private double stepWh;
    private double stepCo2T;

    public EnergyLedger(EnergySpec spec, FleetState state, CpuPools pools) {
        Topology topo = state.topology();
        sites = topo.siteCount();
        int models = state.modelCount();
        siteName = new String[sites];
        siteProvider = new String[sites];
        pue = new double[sites];
        grid = new double[sites];
        market = new double[sites];
        price = new double[sites];
        for (int s = 0; s < sites; s++) {
            siteName[s] = topo.siteName(s);
            siteProvider[s] = topo.providerName(topo.regionProvider(topo.siteRegion(s)));
            EnergySpec.SiteSpec site = spec.site(siteName[s]);
            pue[s] = spec.pueOf(siteName[s]);
            grid[s] = site.gridGco2PerKwh();
            market[s] = site.marketGco2PerKwh();
            price[s] = site.usdPerKwh();
        }
        idleW = new double[sites * models];
        extraBusyW = new double[sites * models];
        for (int c = 0; c < idleW.length; c++) {
            HardwareModel m = state.model(c % models);
            EnergySpec.PowerSpec p = spec.powerOf(m);
            idleW[c] = p.idleKw() * 1000.0 / m.gpusPerDomain();
            extraBusyW[c] = (p.busyKw() - p.idleKw()) * 1000.0 / m.gpusPerDomain();
        }
        poolW = new double[pools.count()];
        poolSite = new int[pools.count()];
        for (int p = 0; p < poolW.length; p++) {
            var shape = pools.shape(p);
            poolW[p] =
                    spec.cpu().wattsPerVcpu() + spec.cpu().wattsPerGib() * (shape.memoryMib() / 1024.0) / shape.vcpus();
            poolSite[p] = pools.site(p);
        }
        lastOnline = new long[idleW.length];
        lastAlloc = new long[idleW.length];
        lastVcpu = new long[poolW.length];
        siteItWh = new double[sites];
        siteWh = new double[sites];
        sitePeakMw = new double[sites];
    }

    /**
     * Accounts the step that ends at the last {@link SiteUsage#flush}, {@code stepMs} long, in which {@code busyShare}
     * of the allocated GPU time was busy.
     */
    public void account(SiteUsage usage, double busyShare, long stepMs) {
        double[] wh = new double[sites];
        for (int c = 0; c < idleW.length; c++) {
            long on = usage.onlineGpuMs(c) - lastOnline[c];
            long al = usage.allocatedGpuMs(c) - lastAlloc[c];
            lastOnline[c] += on;
            lastAlloc[c] += al;
            double it = (on * idleW[c] + al * busyShare * extraBusyW[c]) / MS_PER_HOUR;
            int s = usage.site(c);
            siteItWh[s] += it;
            wh[s] += it * pue[s];
            gpuWh += it * pue[s];
        }
        for (int p = 0; p < poolW.length; p++) {
            long v = usage.vcpuMs(p) - lastVcpu[p];
            lastVcpu[p] += v;
            double it = v * poolW[p] / MS_PER_HOUR;
            siteItWh[poolSite[p]] += it;
            wh[poolSite[p]] += it * pue[poolSite[p]];
        }
        double hours = stepMs / MS_PER_HOUR;
        double total = 0;
        double co2 = 0;
        for (int s = 0; s < sites; s++) {
            siteWh[s] += wh[s];
            total += wh[s];
            if (!Double.isNaN(grid[s])) {
                co2 += wh[s] * grid[s] / 1e9;
            }
            if (hours > 0) {
                sitePeakMw[s] = Math.max(sitePeakMw[s], wh[s] / hours / 1e6);
            }
        }
        if (hours > 0) {
            peakMw = Math.max(peakMw, total / hours / 1e6);
        }
        stepWh = total;
        stepCo2T = co2;
    }

    /** Mean facility MW over the last step accounted. */
    public double stepMw(long stepMs) {
        return stepMs == 0 ? 0 : stepWh / (stepMs / MS_PER_HOUR) / 1e6;
    }

    /** Tonnes of CO2 (location-based) in the last step accounted, over sites with a known intensity. */
    public double stepCo2T() {
        return stepCo2T;
    }

    /** Whether some site has a location-based grid intensity. */
    public boolean carbonKnown() {
        for (double g : grid) {
            if (!Double.isNaN(g)) {
                return true;
            }
        }
        return false;
    }

    public int sites() {
        return sites;
    }

    public String siteName(int s) {
        return siteName[s];
    }

    public String siteProvider(int s) {
        return siteProvider[s];
    }

    public double pue(int s) {
        return pue[s];
    }

    /** Location-based grid intensity of the site, g CO2 / kWh, or NaN. */
    public double gridGco2PerKwh(int s) {
        return grid[s];
    }

    /** Facility energy of the site, MWh. */
    public double siteMwh(int s) {
        return siteWh[s] / 1e6;
    }

    /** IT energy of the site, MWh. */
    public double siteItMwh(int s) {
        return siteItWh[s] / 1e6;
    }

    public double sitePeakMw(int s) {
        return sitePeakMw[s];
    }

    /** Location-based tonnes of CO2 at the site, or NaN when its grid intensity is unknown. */
    public double siteCo2T(int s) {
        return siteWh[s] * grid[s] / 1e9;
    }

    /** Market-based tonnes of CO2 at the site, or NaN when not given. */
    public double siteMarketCo2T(int s) {
        return siteWh[s] * market[s] / 1e9;
    }

    /** Electricity at the site's price, dollars, or NaN when unknown. */
    public double siteElectricityUsd(int s) {
        return siteWh[s] / 1000.0 * price[s];
    }

    /** Facility energy of the GPUs (their racks and hosts), MWh. */
    public double gpuMwh() {
        return gpuWh / 1e6;
    }

    /** Largest step-mean facility power of the fleet, MW. */
    public double peakMw() {
        return peakMw;
    }
}
