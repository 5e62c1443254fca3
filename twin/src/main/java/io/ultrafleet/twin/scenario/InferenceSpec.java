package io.ultrafleet.twin.scenario;

import java.util.List;

/**
 * Inference services: each a pool of replicas that the scheduler places like jobs, sized by an autoscaler, serving a
 * request-rate curve through the flow model at every {@code stepMs}.
 *
 * @param stepMs the flow step: how often demand is served and the autoscaler looks
 */
public record InferenceSpec(long stepMs, List<ServiceSpec> services) {
    public static final InferenceSpec NONE = new InferenceSpec(5 * 60_000L, List.of());

    public InferenceSpec {
        services = List.copyOf(services);
    }

    /**
     * One service.
     *
     * @param queue the {@code tenant/queue} its replicas are placed through (quota, priority class, allowed sites)
     * @param profiles serving profiles, one per hardware option, most preferred first (names of
     *     {@code io.ultrafleet.twin.inference.ServiceProfiles})
     * @param maxQueueWaitMs requests waiting longer are shed; 0 queues them however long it takes
     */
    public record ServiceSpec(
            String name,
            String queue,
            List<String> profiles,
            int minReplicas,
            int maxReplicas,
            DemandSpec demand,
            AutoscalerSpec autoscaler,
            long maxQueueWaitMs) {
        public ServiceSpec {
            profiles = List.copyOf(profiles);
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
