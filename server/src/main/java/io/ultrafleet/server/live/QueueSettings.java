package io.ultrafleet.server.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.quota.Quota;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.spec.FieldReader;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.QueueReader;
import io.ultrafleet.spec.QueueSetup;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.input.JsonNodes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A queue's settings as JSON ({@code priorityClass}, {@code quotaGpus} or {@code quotas}, {@code cohort}, {@code
 * weight}), read with the scenario's queue reader: an admin's {@code PUT} body and the stored form are the same, and
 * are checked by the same rules as a scenario's queue.
 */
public final class QueueSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueSettings() {}

    /** Reads the settings of queue {@code name} from {@code json}; errors name {@code source} and the field. */
    public static TenantSpec.QueueSpec read(
            String source,
            String json,
            String name,
            Collection<String> classNames,
            Collection<String> siteNames,
            HardwareCatalogue catalogue) {
        FieldReader root = new FieldReader(source, "", JsonNodes.compose(source, json));
        MappingReader m = root.mapping(
                "an object with " + String.join(", ", QueueReader.SETTINGS_KEYS), QueueReader.SETTINGS_KEYS);
        return QueueReader.read(m, name, classNames, siteNames, catalogue);
    }

    /** The queues of {@code spec} as a first start stores them: in the scenario's order, numbered from 0. */
    public static List<QueueRow> rows(ScenarioSpec spec) {
        List<QueueRow> rows = new ArrayList<>();
        for (TenantSpec t : spec.tenants()) {
            for (TenantSpec.QueueSpec q : t.queues()) {
                rows.add(new QueueRow(
                        rows.size(), t.name(), q.name(), q.priorityClass(), q.cohort(), q.weight(), write(q)));
            }
        }
        return rows;
    }

    /** The settings of {@code q} as JSON, in the form {@link #read} reads. */
    public static String write(TenantSpec.QueueSpec q) {
        ObjectNode o = JSON.createObjectNode();
        o.put("priorityClass", q.priorityClass());
        if (q.quotaGpus() > 0) {
            o.put("quotaGpus", q.quotaGpus());
        }
        if (!q.quotas().isEmpty()) {
            ArrayNode list = o.putArray("quotas");
            for (TenantSpec.QuotaSpec s : q.quotas()) {
                ObjectNode e = list.addObject();
                e.put("flavor", (s.model() == null ? "*" : s.model()) + (s.site() == null ? "" : "@" + s.site()));
                e.put("nominalGpus", s.nominalGpus());
                if (s.borrowingLimitGpus() >= 0) {
                    e.put("borrowingLimitGpus", s.borrowingLimitGpus());
                }
                if (s.lendingLimitGpus() >= 0) {
                    e.put("lendingLimitGpus", s.lendingLimitGpus());
                }
            }
        }
        if (q.cohort() != null) {
            o.put("cohort", q.cohort());
        }
        o.put("weight", q.weight());
        return o.toString();
    }

    /** The queue's quotas with flavours resolved against {@code fleet}; empty for an unlimited queue. */
    public static List<Quota> quotas(TenantSpec.QueueSpec q, FleetView fleet) {
        return QueueSetup.quotas(q, fleet);
    }

    /** The value of the priority class {@code name}. */
    public static int priority(ScenarioSpec spec, String name) {
        return spec.priorityClasses().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow()
                .value();
    }

    /** The declared sites of {@code spec}. */
    public static List<String> siteNames(ScenarioSpec spec) {
        List<String> out = new ArrayList<>();
        spec.fleet().providers().forEach(p -> p.regions().forEach(r -> r.sites().forEach(x -> out.add(x.name()))));
        return out;
    }
}
