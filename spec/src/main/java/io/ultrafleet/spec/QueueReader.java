package io.ultrafleet.spec;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.QueueBook;
import java.util.Collection;
import java.util.List;

/**
 * A queue's settings: its priority class, quotas, cohort and fair-share weight, as a scenario's {@code tenants[].queues[]}
 * and a live server's {@code PUT /v1/queues/TENANT/QUEUE} write them.
 */
public final class QueueReader {
    /** The fields of a queue a live server's admin may set (its name is in the path). */
    public static final List<String> SETTINGS_KEYS =
            List.of("priorityClass", "quotaGpus", "quotas", "cohort", "weight");

    private QueueReader() {}

    /** The queue {@code name} as written in {@code qm}, whose priority class is one of {@code classNames}. */
    public static TenantSpec.QueueSpec read(
            MappingReader qm,
            String name,
            Collection<String> classNames,
            Collection<String> siteNames,
            HardwareCatalogue catalogue) {
        String classesAllowed = "one of the declared priority classes";
        String priorityClass = qm.required("priorityClass", classesAllowed + ": " + ShortList.join(classNames))
                .oneOf(classesAllowed, classNames);
        int quota = qm.intIn("quotaGpus", 1, (int) Math.min(Integer.MAX_VALUE, ScenarioLimits.MAX_QUOTA_GPUS), -1);
        List<TenantSpec.QuotaSpec> quotas = QuotaReader.read(qm, catalogue, siteNames);
        if (quotas.size() > QueueBook.MAX_QUOTAS_PER_QUEUE) {
            throw qm.optional("quotas")
                    .orElseThrow()
                    .fail("at most " + QueueBook.MAX_QUOTAS_PER_QUEUE + " quota entries in a queue");
        }
        if (quota > 0 && !quotas.isEmpty()) {
            throw qm.optional("quotas")
                    .orElseThrow()
                    .fail("nothing here when quotaGpus is given (write either quotaGpus or quotas)");
        }
        String cohort = qm.optional("cohort").map(FieldReader::name).orElse(null);
        double weight = qm.number("weight", 0, true, ScenarioReader.MAX_WEIGHT, 1.0);
        return new TenantSpec.QueueSpec(name, priorityClass, quota, cohort, weight, quotas);
    }
}
