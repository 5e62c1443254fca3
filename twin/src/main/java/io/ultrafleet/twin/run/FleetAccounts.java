package io.ultrafleet.twin.run;

import io.ultrafleet.fleet.FleetState;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.Topology;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.sites.ConcentrationCap;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.time.Epoch;
import io.ultrafleet.twin.cost.ContractTerms;
import io.ultrafleet.twin.cost.CostLedger;
import io.ultrafleet.twin.cost.PlacementRules;
import io.ultrafleet.twin.cost.Tariffs;
import io.ultrafleet.twin.energy.EnergyLedger;
import io.ultrafleet.twin.engine.Simulation;
import io.ultrafleet.twin.fleet.FleetModel;
import io.ultrafleet.twin.metrics.SiteUsage;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.scenario.CostSpec.ContractSpec;
import io.ultrafleet.twin.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's books: GPU and vCPU use per site ({@link SiteUsage}), what it costs under the scenario's contracts and
 * overflow ({@link CostLedger}, absent when nothing is priced), the energy and carbon behind it ({@link EnergyLedger}),
 * and the scheduler's site rules built from the same prices and grid figures. It adds the time-series columns {@value
 * #SPEND}, {@value #GPU_SPEND} and {@value #CONTRACT_SPENT}{@code <contract>} when priced, {@value #POWER}, and {@value
 * #CO2} when some site has a grid intensity.
 */
public final class FleetAccounts {
    public static final String SPEND = "spend_usd";
    public static final String GPU_SPEND = "gpu_spend_usd";
    public static final String POWER = "power_mw";
    public static final String CO2 = "co2_t";
    public static final String CONTRACT_SPENT = "contract_spent_usd.";

    private final Epoch epoch;
    private final SiteUsage usage;
    private final Tariffs tariffs;
    private final CostLedger cost;
    private final EnergyLedger energy;
    private final ConcentrationCap cap;
    private final List<ContractTerms.Terms> terms = new ArrayList<>();
    private final double impliedUsdPerGpuHour;
    private final List<String> queueClasses = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    private final FleetState state;
    private io.ultrafleet.twin.failures.SpotReclaims reclaims;

    FleetAccounts(Scenario scenario, FleetModel fleet, QueueBook queues, Simulation sim, HardwareCatalogue catalogue) {
        this.epoch = scenario.epoch();
        this.state = fleet.state();
        this.usage = new SiteUsage(state, fleet.cpuPools(), queues.size(), sim::now);
        queues.onUsage(usage);
        boolean priced = scenario.costs().priced();
        this.tariffs = priced ? new Tariffs(scenario.costs(), state, fleet.cpuPools(), epoch) : null;
        this.cost = priced ? new CostLedger(tariffs, usage) : null;
        this.energy = new EnergyLedger(scenario.energy(), state, fleet.cpuPools());
        queues.siteRules(PlacementRules.of(scenario, state, tariffs));
        this.cap = queues.siteRules().cap();
        for (ContractSpec c : scenario.costs().contracts()) {
            terms.add(ContractTerms.of(c, scenario.fleet(), catalogue));
        }
        this.impliedUsdPerGpuHour =
                ContractTerms.impliedUsdPerGpuHour(scenario.costs().contracts(), scenario.fleet(), catalogue);
        for (TenantSpec t : scenario.tenants()) {
            for (TenantSpec.QueueSpec q : t.queues()) {
                queueClasses.add(q.priorityClass());
            }
        }
        if (priced) {
            columns.add(SPEND);
            columns.add(GPU_SPEND);
        }
        columns.add(POWER);
        if (energy.carbonKnown()) {
            columns.add(CO2);
        }
        if (priced) {
            for (ContractSpec c : scenario.costs().contracts()) {
                columns.add(CONTRACT_SPENT + c.name());
            }
        }
    }

    /** Extra time-series columns, in order. */
    List<String> columns() {
        return List.copyOf(columns);
    }

    /** Accounts at every contract boundary before {@code horizon}, so that each interval is billed at one rate. */
    void schedule(Simulation sim, long horizon) {
        if (cost == null) {
            return;
        }
        for (long b : tariffs.boundaries()) {
            if (b > 0 && b < horizon) {
                sim.at(b, now -> {
                    usage.flush(now);
                    cost.account(now, usage);
                    cost.termsEnded(now, epoch);
                });
            }
        }
    }

    /** The clock moves on (called at every advance; cheap). */
    void advance(long from, long to) {
        usage.advance(from, to);
    }

    /**
     * Accounts the step ending at {@code now}, {@code stepMs} long, in which {@code busyShare} of the allocated GPU
     * time was busy, and fills this step's extra columns of the last row of {@code series}.
     */
    void sample(long now, long stepMs, double busyShare, TimeSeries series) {
        usage.flush(now);
        energy.account(usage, busyShare, stepMs);
        int row = series.size() - 1;
        series.set(row, series.columnIndex(POWER), energy.stepMw(stepMs));
        if (energy.carbonKnown()) {
            series.set(row, series.columnIndex(CO2), energy.stepCo2T());
        }
        if (cost != null) {
            cost.account(now, usage);
            cost.termsEnded(now, epoch);
            series.set(row, series.columnIndex(SPEND), cost.takeStepSpend());
            series.set(row, series.columnIndex(GPU_SPEND), cost.takeStepGpuSpend());
            List<Tariffs.Payer> payers = cost.payers();
            for (int i = 0; i < payers.size(); i++) {
                if (payers.get(i).contract() != null) {
                    int col = series.columnIndex(CONTRACT_SPENT + payers.get(i).name());
                    series.set(row, col, cost.spent(i));
                }
            }
        }
    }

    /** Tokens served by inference, for the cost per million tokens; call as they are served. */
    public void tokensServed(long tokens) {
        if (cost != null) {
            cost.tokensServed(tokens);
        }
    }

    /** The cost books, or null when the scenario prices nothing. */
    /** The spot reclaims of the run, whose tallies the cost section reports. */
    void reclaims(io.ultrafleet.twin.failures.SpotReclaims reclaims) {
        this.reclaims = reclaims;
    }

    /** What each reclaiming spot entry's reclaims did, by entry name; empty when nothing is reclaimed. */
    public Map<String, io.ultrafleet.twin.failures.SpotReclaims.Tally> reclaimTallies() {
        Map<String, io.ultrafleet.twin.failures.SpotReclaims.Tally> out = new java.util.LinkedHashMap<>();
        if (reclaims != null) {
            for (io.ultrafleet.twin.failures.SpotReclaims.Tally t : reclaims.tallies()) {
                out.put(t.name(), t);
            }
        }
        return out;
    }

    public CostLedger cost() {
        return cost;
    }

    public EnergyLedger energy() {
        return energy;
    }

    /** The concentration cap, or null. */
    public ConcentrationCap cap() {
        return cap;
    }

    /** What each contract implies over its term, in contract order. */
    public List<ContractTerms.Terms> terms() {
        return List.copyOf(terms);
    }

    /** Commitment per committed (or delivered) GPU-hour over all contracts that commit spend, or NaN. */
    public double impliedUsdPerGpuHour() {
        return impliedUsdPerGpuHour;
    }

    /** The priority class of each queue, in queue order. */
    public List<String> queueClasses() {
        return List.copyOf(queueClasses);
    }

    /** GPU-milliseconds held by jobs per provider, in declaration order. */
    public Map<String, Long> allocatedGpuMsByProvider() {
        Topology topo = state.topology();
        Map<String, Long> out = new LinkedHashMap<>();
        for (int c = 0; c < usage.cells(); c++) {
            String p = topo.providerName(topo.regionProvider(topo.siteRegion(usage.site(c))));
            out.merge(p, usage.allocatedGpuMs(c), Long::sum);
        }
        return out;
    }

    /** The per-site usage meter. */
    public SiteUsage usage() {
        return usage;
    }
}
