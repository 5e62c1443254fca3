package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareModel;
import java.util.Map;

/**
 * Power, energy and carbon: the {@code energy:} section. IT power per NVLink domain of each hardware model when idle
 * and when busy, CPU host power, the PUE of each site, its grid carbon intensity (location-based, and optionally
 * market-based) and its electricity price (a shadow cost: the cloud price already includes energy). Defaults and their
 * sources are in {@code docs/model.md}.
 *
 * @param pue power usage effectiveness of a site that does not give its own
 * @param power per catalogue model, overriding the defaults
 * @param sites per declared site
 */
public record EnergySpec(double pue, Map<String, PowerSpec> power, CpuPowerSpec cpu, Map<String, SiteSpec> sites) {
    /** AWS global PUE, 2023 and 2024 (fleet-facts §5). */
    public static final double DEFAULT_PUE = 1.15;

    /** Idle power of a domain as a share of its busy power when the scenario does not say (an assumption). */
    public static final double DEFAULT_IDLE_SHARE = 0.3;

    /** The defaults: {@link #DEFAULT_PUE}, catalogue power, Cloud Carbon Footprint CPU coefficients. */
    public static final EnergySpec DEFAULT = new EnergySpec(DEFAULT_PUE, Map.of(), CpuPowerSpec.DEFAULT, Map.of());

    public EnergySpec {
        power = Map.copyOf(power);
        sites = Map.copyOf(sites);
    }

    /** IT power of one NVLink domain (a rack, or a host for 8-GPU models), kW. */
    public record PowerSpec(double busyKw, double idleKw) {}

    /**
     * Power of general-purpose CPU hosts: per vCPU idle and busy, the mean utilisation, and per GiB of memory.
     */
    public record CpuPowerSpec(
            double idleWattsPerVcpu, double busyWattsPerVcpu, double utilisation, double wattsPerGib) {
        /** Cloud Carbon Footprint's AWS Graviton coefficients at its default 50 % utilisation. */
        public static final CpuPowerSpec DEFAULT = new CpuPowerSpec(0.47, 1.69, 0.5, 0.392);

        /** Watts of one vCPU at the mean utilisation. */
        public double wattsPerVcpu() {
            return idleWattsPerVcpu + utilisation * (busyWattsPerVcpu - idleWattsPerVcpu);
        }
    }

    /**
     * A site's facility and grid.
     *
     * @param pue its PUE, or NaN for the section's
     * @param gridGco2PerKwh location-based grid intensity, g CO2 per kWh, or NaN when unknown
     * @param marketGco2PerKwh market-based intensity (after renewable contracts), or NaN when not given
     * @param usdPerKwh electricity price, or NaN when unknown
     */
    public record SiteSpec(double pue, double gridGco2PerKwh, double marketGco2PerKwh, double usdPerKwh) {
        public static final SiteSpec UNKNOWN = new SiteSpec(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The site's values, or {@link SiteSpec#UNKNOWN}. */
    public SiteSpec site(String name) {
        return sites.getOrDefault(name, SiteSpec.UNKNOWN);
    }

    /** The PUE of the site. */
    public double pueOf(String site) {
        double p = site(site).pue();
        return Double.isNaN(p) ? pue : p;
    }

    /** Busy and idle power of one domain of {@code model}: the scenario's, else the catalogue's with the idle share. */
    public PowerSpec powerOf(HardwareModel model) {
        PowerSpec p = power.get(model.name());
        if (p != null) {
            return p;
        }
        double busy = model.domainPowerWatts() / 1000.0;
        return new PowerSpec(busy, busy * DEFAULT_IDLE_SHARE);
    }
}
