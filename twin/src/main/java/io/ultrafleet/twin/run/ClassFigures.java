package io.ultrafleet.twin.run;

import io.ultrafleet.twin.failures.ReliabilityLedger;
import io.ultrafleet.twin.metrics.LongSamples;
import io.ultrafleet.twin.metrics.QueueStats;
import io.ultrafleet.twin.serving.ServiceStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one priority class fared over a run, its queues taken together: jobs, preemptions, GPU time, waits to first
 * start, the effective training time ratio of its jobs (replicas of services left out), and the SLO attainment of its
 * services. What an operator asks of each kind of work: whether training makes progress, whether research waits, and
 * whether serving meets its targets.
 *
 * @param ettr useful work over GPU time since first start of the class's jobs other than replicas; NaN when none ran
 * @param sloAttainment requests served within their SLO over requests arrived, over the class's services; NaN when it
 *     has none
 */
public record ClassFigures(
        String name,
        int priority,
        List<String> queues,
        long submitted,
        long started,
        long completed,
        long preempted,
        double allocatedGpuMs,
        LongSamples waitsMs,
        double ettr,
        double sloAttainment) {

    /** The classes of the run's queues, highest priority first (then in the order their first queue is declared). */
    public static List<ClassFigures> of(RunResult r) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        List<QueueStats> queues = r.queues();
        for (int q = 0; q < queues.size(); q++) {
            byClass.computeIfAbsent(queues.get(q).priorityClass(), k -> new ArrayList<>())
                    .add(q);
        }
        List<ClassFigures> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
            out.add(of(
                    e.getKey(),
                    e.getValue(),
                    queues,
                    r.reliability(),
                    r.serving().services()));
        }
        out.sort(Comparator.comparingInt(ClassFigures::priority).reversed());
        return List.copyOf(out);
    }

    private static ClassFigures of(
            String name,
            List<Integer> members,
            List<QueueStats> queues,
            ReliabilityLedger rel,
            List<ServiceStats> services) {
        List<String> names = new ArrayList<>();
        long submitted = 0;
        long started = 0;
        long completed = 0;
        long preempted = 0;
        double allocated = 0;
        double useful = 0;
        double span = 0;
        LongSamples waits = new LongSamples();
        for (int q : members) {
            QueueStats s = queues.get(q);
            names.add(s.name());
            submitted += s.submittedCount();
            started += s.startedCount();
            completed += s.completedCount();
            preempted += s.preemptedCount();
            allocated += s.allocatedGpuMs();
            waits.addAll(s.waitsMs());
            useful += rel.goodputGpuMs(q);
            span += rel.spanGpuMs(q);
        }
        double met = 0;
        double arrived = 0;
        boolean served = false;
        for (ServiceStats s : services) {
            if (names.contains(s.queue())) {
                served = true;
                met += s.sloMetRequests();
                arrived += s.requestsServed() + s.requestsShed();
            }
        }
        double slo = !served ? Double.NaN : arrived > 0 ? met / arrived : 1.0;
        int priority = queues.get(members.get(0)).priority();
        return new ClassFigures(
                name,
                priority,
                names,
                submitted,
                started,
                completed,
                preempted,
                allocated,
                waits,
                span > 0 ? useful / span : Double.NaN,
                slo);
    }
}
