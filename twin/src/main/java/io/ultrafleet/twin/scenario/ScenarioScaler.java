package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ArrivalSpec;
import io.ultrafleet.spec.ArrivalSpec.RateStep;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.FleetSpec.CpuPoolSpec;
import io.ultrafleet.spec.FleetSpec.CpuRampStep;
import io.ultrafleet.spec.FleetSpec.DecommissionSpec;
import io.ultrafleet.spec.FleetSpec.DeliverySpec;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.TenantSpec.QueueSpec;
import io.ultrafleet.spec.TenantSpec.QuotaSpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.spec.TrainingSpec.GeneratorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The same scenario at another fleet size: what a planner asks when the deal is five times larger. The scenario's
 * GPUs (all deliveries less all decommissions) are brought to a target count by one factor {@code f}:
 *
 * <ul>
 *   <li>every delivery and decommission: {@code f} x its racks, rounded to the nearest whole rack, at least one for
 *       a delivery (so the fleet keeps its models, sites and ramp dates);
 *   <li>every CPU pool ramp step: {@code f} x its hosts, rounded;
 *   <li>every generator's arrival rates: {@code f} x jobs per day;
 *   <li>every quota: {@code f} x its nominal GPUs and its borrowing and lending limits, rounded;
 *   <li>every inference service's request rates and its minimum and maximum replicas, and every agent session
 *       kind's arrival rates: {@code f} x, rates exactly, replica bounds rounded (a maximum of at least one).
 * </ul>
 *
 * Unchanged: job sizes and durations (a frontier run keeps its 36,864 GPUs), jobs given one by one, sites and their
 * block size (a larger fleet has more blocks, not larger ones), priorities, the scheduler, failure rates per
 * component, and dates. Because racks are rounded per delivery, the result's GPU count can differ slightly from the
 * target; {@link #gpus} tells the exact figure.
 */
public final class ScenarioScaler {
    private ScenarioScaler() {}

    /** GPUs of the scenario once every delivery and decommission has happened. */
    public static long gpus(Scenario s, HardwareCatalogue catalogue) {
        long n = 0;
        for (DeliverySpec d : s.fleet().deliveries()) {
            n += (long) d.racks() * gpusPerRack(catalogue, d.model());
        }
        for (DecommissionSpec d : s.fleet().decommissions()) {
            n -= (long) d.racks() * gpusPerRack(catalogue, d.model());
        }
        return n;
    }

    /**
     * The scenario brought to about {@code targetGpus} GPUs, its name suffixed with {@code -x} and the factor
     * ({@code -x0p25} for a quarter), so that it stays a valid scenario name.
     *
     * @throws IllegalArgumentException if the target is not positive or the scenario has no GPUs to scale
     */
    public static Scenario toGpus(Scenario s, HardwareCatalogue catalogue, long targetGpus) {
        if (targetGpus < 1) {
            throw new IllegalArgumentException("target GPUs must be >= 1: " + targetGpus);
        }
        long now = gpus(s, catalogue);
        if (now < 1) {
            throw new IllegalArgumentException("scenario " + s.name() + " has no GPUs to scale");
        }
        double f = targetGpus / (double) now;
        FleetSpec fleet = s.fleet();
        List<DeliverySpec> deliveries = new ArrayList<>();
        for (DeliverySpec d : fleet.deliveries()) {
            int racks = (int) Math.max(1, Math.round(d.racks() * f));
            deliveries.add(new DeliverySpec(d.site(), d.model(), racks, d.startMs(), d.endMs()));
        }
        List<DecommissionSpec> decommissions = new ArrayList<>();
        for (DecommissionSpec d : fleet.decommissions()) {
            decommissions.add(new DecommissionSpec(d.site(), d.model(), (int) Math.round(d.racks() * f), d.atMs()));
        }
        List<CpuPoolSpec> pools = new ArrayList<>();
        for (CpuPoolSpec p : fleet.cpuPools()) {
            List<CpuRampStep> ramp = new ArrayList<>();
            for (CpuRampStep r : p.ramp()) {
                ramp.add(new CpuRampStep((int) Math.round(r.hosts() * f), r.startMs(), r.endMs()));
            }
            pools.add(new CpuPoolSpec(p.name(), p.site(), p.hostShape(), ramp));
        }
        FleetSpec scaledFleet = new FleetSpec(fleet.providers(), deliveries, decommissions, pools);
        List<GeneratorSpec> generators = scaledGenerators(s, f);
        List<TenantSpec> tenants = new ArrayList<>();
        for (TenantSpec t : s.tenants()) {
            List<QueueSpec> queues = new ArrayList<>();
            for (QueueSpec q : t.queues()) {
                List<QuotaSpec> quotas = new ArrayList<>();
                for (QuotaSpec quota : q.quotas()) {
                    quotas.add(new QuotaSpec(
                            quota.model(),
                            quota.site(),
                            Math.round(quota.nominalGpus() * f),
                            limit(quota.borrowingLimitGpus(), f),
                            limit(quota.lendingLimitGpus(), f)));
                }
                int quotaGpus = q.quotaGpus() < 0 ? q.quotaGpus() : (int) Math.round(q.quotaGpus() * f);
                queues.add(new QueueSpec(q.name(), q.priorityClass(), quotaGpus, q.cohort(), q.weight(), quotas));
            }
            tenants.add(new TenantSpec(t.name(), queues));
        }
        ScenarioSpec spec = new ScenarioSpec(
                s.name() + "-x" + factorLabel(f),
                s.description(),
                s.epoch(),
                s.endMs(),
                s.seed(),
                s.priorityClasses(),
                scaledFleet,
                tenants,
                new TrainingSpec(generators, s.training().jobs()),
                s.scheduler(),
                s.outputs());
        return new Scenario(
                spec, s.reliability(), scaled(s.inference(), f), scaled(s.agents(), f), s.costs(), s.energy());
    }

    /**
     * The same fleet under more (or less) training demand: every generator's arrival rates times {@code factor}, all
     * else as it was (jobs given one by one, inference and agents included). What a back-test of forecasts needs when
     * the fleet is ahead of its demand and nobody waits. The name is suffixed with {@code -demand-x} and the factor
     * ({@code -demand-x2p5} for 2.5), so that it stays a valid scenario name.
     *
     * @throws IllegalArgumentException if the factor is not positive and finite
     */
    public static Scenario withTrainingDemand(Scenario s, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("demand factor must be > 0 and finite: " + factor);
        }
        ScenarioSpec spec = new ScenarioSpec(
                s.name() + "-demand-x" + factorLabel(factor),
                s.description(),
                s.epoch(),
                s.endMs(),
                s.seed(),
                s.priorityClasses(),
                s.fleet(),
                s.tenants(),
                new TrainingSpec(scaledGenerators(s, factor), s.training().jobs()),
                s.scheduler(),
                s.outputs());
        return new Scenario(spec, s.reliability(), s.inference(), s.agents(), s.costs(), s.energy());
    }

    /** Every generator with its arrival rates times {@code f}. */
    private static List<GeneratorSpec> scaledGenerators(Scenario s, double f) {
        List<GeneratorSpec> generators = new ArrayList<>();
        for (GeneratorSpec g : s.training().generators()) {
            List<RateStep> rates = new ArrayList<>();
            for (RateStep r : g.arrivals().rates()) {
                rates.add(new RateStep(r.fromMs(), r.perDay() * f));
            }
            ArrivalSpec arrivals =
                    new ArrivalSpec(rates, g.arrivals().endMs(), g.arrivals().maxJobs());
            generators.add(new GeneratorSpec(
                    g.name(), g.queue(), arrivals, g.gpus(), g.duration(), g.topology(), g.models(), g.recovery()));
        }
        return generators;
    }

    private static LoadCurveSpec scaled(LoadCurveSpec c, double f) {
        List<LoadCurveSpec.Level> levels = new ArrayList<>();
        for (LoadCurveSpec.Level l : c.levels()) {
            levels.add(new LoadCurveSpec.Level(l.fromMs(), l.perSecond() * f));
        }
        return new LoadCurveSpec(
                levels,
                c.peakToTrough(),
                c.peakHourUtc(),
                c.weekendFactor(),
                c.burstsPerDay(),
                c.burstMultiplier(),
                c.burstMs());
    }

    private static InferenceSpec scaled(InferenceSpec in, double f) {
        List<InferenceSpec.ServiceSpec> services = new ArrayList<>();
        for (InferenceSpec.ServiceSpec sv : in.services()) {
            InferenceSpec.DemandSpec d = sv.demand();
            InferenceSpec.DemandSpec demand = new InferenceSpec.DemandSpec(
                    scaled(d.requestsPerSecond(), f),
                    d.meanInputTokens(),
                    d.cvInputTokens(),
                    d.meanOutputTokens(),
                    d.cvOutputTokens(),
                    d.cachedInputShare(),
                    d.arrivalCv());
            int min = (int) Math.round(sv.minReplicas() * f);
            int max = Math.max(Math.max(1, min), (int) Math.round(sv.maxReplicas() * f));
            InferenceSpec.ReserveSpec reserve = sv.reserve();
            if (reserve != null && !reserve.atPeak()) {
                reserve = new InferenceSpec.ReserveSpec((int) Math.round(reserve.replicas() * f), reserve.sites());
            }
            services.add(new InferenceSpec.ServiceSpec(
                    sv.name(),
                    sv.queue(),
                    sv.profiles(),
                    min,
                    max,
                    demand,
                    sv.autoscaler(),
                    sv.maxQueueWaitMs(),
                    reserve));
        }
        return new InferenceSpec(in.stepMs(), services, in.borrowMaxRunMs());
    }

    private static AgentsSpec scaled(AgentsSpec a, double f) {
        List<AgentsSpec.SessionSpec> sessions = new ArrayList<>();
        for (AgentsSpec.SessionSpec k : a.sessions()) {
            sessions.add(new AgentsSpec.SessionSpec(
                    k.name(),
                    k.cpuPool(),
                    k.service(),
                    scaled(k.arrivalsPerSecond(), f),
                    k.meanDurationMs(),
                    k.patienceMs(),
                    k.vcpus(),
                    k.memoryMib(),
                    k.cpuBusyFraction(),
                    k.llmCallsPerSession(),
                    k.toolCallsPerSession(),
                    k.inputTokensPerCall(),
                    k.outputTokensPerCall(),
                    k.cachedInputShare()));
        }
        return new AgentsSpec(sessions, a.rollouts());
    }

    /** A limit of -1 (none) stays none; others scale. */
    private static long limit(long gpus, double f) {
        return gpus < 0 ? gpus : Math.round(gpus * f);
    }

    private static String factorLabel(double f) {
        String text = String.format(java.util.Locale.ROOT, "%.3f", f);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "").replace('.', 'p');
    }

    private static int gpusPerRack(HardwareCatalogue catalogue, String model) {
        return catalogue
                .model(model)
                .orElseThrow(() -> new IllegalArgumentException("no hardware model " + model))
                .gpusPerDomain();
    }
}
