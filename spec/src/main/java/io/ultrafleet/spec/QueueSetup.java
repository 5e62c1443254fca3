package io.ultrafleet.spec;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.scheduling.QueueBook;
import io.ultrafleet.scheduling.quota.Flavor;
import io.ultrafleet.scheduling.quota.Quota;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's tenants and queues as the scheduler holds them: a {@link QueueBook} with each queue's cohort, weight
 * and quotas (flavours resolved against the fleet), each queue's priority, and its index by {@code tenant/queue}.
 */
public record QueueSetup(QueueBook book, Map<String, Integer> indexByName, List<Integer> priorities) {
    public QueueSetup {
        indexByName = Map.copyOf(indexByName);
        priorities = List.copyOf(priorities);
    }

    /** The queues of {@code tenants}, in the order they are declared, on {@code fleet}'s models and sites. */
    public static QueueSetup of(List<TenantSpec> tenants, List<PriorityClassSpec> classes, FleetView fleet) {
        Map<String, Integer> value = new LinkedHashMap<>();
        for (PriorityClassSpec pc : classes) {
            value.put(pc.name(), pc.value());
        }
        QueueBook book = new QueueBook();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Integer> priorities = new ArrayList<>();
        for (TenantSpec t : tenants) {
            for (TenantSpec.QueueSpec q : t.queues()) {
                String name = t.name() + "/" + q.name();
                index.put(name, book.add(name, q.cohort(), q.weight(), quotas(q, fleet)));
                priorities.add(value.get(q.priorityClass()));
            }
        }
        return new QueueSetup(book, index, priorities);
    }

    /** The queue's quotas with flavours resolved against the fleet; empty for an unlimited queue. */
    public static List<Quota> quotas(TenantSpec.QueueSpec q, FleetView fleet) {
        List<Quota> out = new ArrayList<>();
        if (q.quotaGpus() > 0) {
            out.add(Quota.of(Flavor.ANY, q.quotaGpus()));
        }
        for (TenantSpec.QuotaSpec spec : q.quotas()) {
            // A model this fleet never gets matches nothing: the index no rack has.
            int model = spec.model() == null ? -1 : fleet.modelIndex(spec.model());
            if (spec.model() != null && model < 0) {
                model = Integer.MAX_VALUE;
            }
            int site = spec.site() == null ? -1 : fleet.topology().siteIndex(spec.site());
            long borrow = spec.borrowingLimitGpus() < 0 ? Quota.UNLIMITED : spec.borrowingLimitGpus();
            long lend = spec.lendingLimitGpus() < 0 ? spec.nominalGpus() : spec.lendingLimitGpus();
            out.add(new Quota(new Flavor(model, site), spec.nominalGpus(), borrow, lend));
        }
        return out;
    }
}
