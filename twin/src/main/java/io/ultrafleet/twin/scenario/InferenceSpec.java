package io.ultrafleet.twin.scenario;

import java.util.List;

/**
 * Inference services: each a pool of replicas that the scheduler places like jobs, sized by an autoscaler, serving a
 * request-rate curve through the flow model at every {@code stepMs}.
 *
 * @param stepMs the flow step: how often demand is served and the autoscaler looks
 * @param borrowMaxRunMs the longest expected run of work that may borrow the services' reserves (elastic work always
 *     may)
 */
public record InferenceSpec(long stepMs, List<ServiceSpec> services, long borrowMaxRunMs) {
    /** By default, work expected to end within 2 hours may borrow a reserve. */
    public static final long DEFAULT_BORROW_MAX_RUN_MS = 2 * 3_600_000L;

    public static final InferenceSpec NONE = new InferenceSpec(5 * 60_000L, List.of());

    public InferenceSpec {
        services = List.copyOf(services);
    }

    /** Services with the default borrowing rule. */
    public InferenceSpec(long stepMs, List<ServiceSpec> services) {
        this(stepMs, services, DEFAULT_BORROW_MAX_RUN_MS);
    }

    /** Whether some service holds capacity back. */
    public boolean reserves() {
        for (ServiceSpec s : services) {
            if (s.reserve() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * One service.
     *
     * @param queue the {@code tenant/queue} its replicas are placed through (quota, priority class, allowed sites)
     * @param profiles serving profiles, one per hardware option, most preferred first (names of
     *     {@code io.ultrafleet.twin.inference.ServiceProfiles})
     * @param maxQueueWaitMs requests waiting longer are shed; 0 queues them however long it takes
     * @param reserve capacity held back for it, or null for none
     */
    public record ServiceSpec(
            String name,
            String queue,
            List<String> profiles,
            int minReplicas,
            int maxReplicas,
            DemandSpec demand,
            AutoscalerSpec autoscaler,
            long maxQueueWaitMs,
            ReserveSpec reserve) {
        public ServiceSpec {
            profiles = List.copyOf(profiles);
        }

        /** A service without a reserve. */
        public ServiceSpec(
                String name,
                String queue,
                List<String> profiles,
                int minReplicas,
                int maxReplicas,
                DemandSpec demand,
                AutoscalerSpec autoscaler,
                long maxQueueWaitMs) {
            this(name, queue, profiles, minReplicas, maxReplicas, demand, autoscaler, maxQueueWaitMs, null);
        }
    }

    /**
     * Capacity held back at some sites for a service's replicas, which other work may borrow only when it is elastic or
     * short.
     *
     * @param replicas replicas' worth of racks held back, or {@link #PEAK} for the largest number of replicas the
     *     service needed over the last day (its daily peak)
     * @param sites where, split in proportion to the racks of the service's hardware at each; empty for every site
     */
    public record ReserveSpec(int replicas, List<String> sites) {
        public static final int PEAK = -1;

        public ReserveSpec {
            sites = List.copyOf(sites);
        }

        public boolean atPeak() {
            return replicas == PEAK;
        }
    }

    /**
     * What the service is asked: the request-rate curve and the requests' shape.
     *
     * @param cachedInputShare share of prompt tokens found in the prefix cache
     * @param arrivalCv coefficient of variation of inter-arrival times (1 for Poisson; more for bursty traffic)
     */
    public record DemandSpec(
            LoadCurveSpec requestsPerSecond,
            double meanInputTokens,
            double cvInputTokens,
            double meanOutputTokens,
            double cvOutputTokens,
            double cachedInputShare,
            double arrivalCv) {}

    /**
     * How replicas are added and removed.
     *
     * @param sloTarget when above 0, size for this SLO attainment; otherwise for {@code targetUtilisation}
     * @param scaleUpDelayMs from a replica's start on its GPUs to serving (model load, cold start)
     * @param coolOffMs how long fewer replicas must have sufficed before any is removed
     */
    public record AutoscalerSpec(double targetUtilisation, double sloTarget, long scaleUpDelayMs, long coolOffMs) {
        public static final AutoscalerSpec DEFAULT = new AutoscalerSpec(0.7, 0, 10 * 60_000L, 30 * 60_000L);
    }
}
