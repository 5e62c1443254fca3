package io.ultrafleet.server.api;

import io.ultrafleet.server.live.LiveView;
import io.ultrafleet.server.store.HeldUnits;
import io.ultrafleet.server.store.JobRow;
import io.ultrafleet.server.store.QueueRow;
import io.ultrafleet.workload.WaitReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** A job as the API shows it. */
final class JobJson {
    private JobJson() {}

    /** The job of {@code row}; with {@code h}, the placement of a running job too. */
    static Map<String, Object> of(JobRow row, ServerContext c, Handle h) {
        LiveView view = c.loop().view();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", row.id());
        o.put("name", row.name());
        o.put("queue", queueName(view, row));
        o.put("state", row.state());
        o.put("gpus", row.gpus());
        o.put("priority", row.priority());
        o.put("submittedAt", Json.instant(c.epochMs(), row.submittedAt()));
        o.put("startedAt", Json.instant(c.epochMs(), row.startedAt()));
        o.put("firstStartedAt", Json.instant(c.epochMs(), row.firstStartedAt()));
        o.put("endedAt", Json.instant(c.epochMs(), row.endedAt()));
        o.put("runs", row.runs());
        o.put("allocatedGpus", row.allocatedGpus());
        boolean queued = row.state().equals(JobRow.QUEUED);
        WaitReason stored = storedReason(row);
        boolean passedOver = row.queueId() < view.queues().size()
                && view.queues().get(row.queueId()).quotaPassedOver();
        WaitReason shown = stored.shown(passedOver);
        String detail = stored.shownDetail(row.waitDetail(), passedOver);
        o.put("waitReason", queued ? shown.key() : null);
        o.put("waitDetail", queued ? shown.description() + (detail == null ? "" : " (" + detail + ")") : null);
        o.put("exitCode", row.exitCode());
        if (h != null) {
            o.put("placement", row.state().equals(JobRow.RUNNING) ? placement(HeldUnits.of(h, row.id()), c) : null);
        }
        return o;
    }

    /**
     * Why a queued job waits, as stored by the last cycle that examined it; a job no cycle has examined yet has none
     * stored. A job the last cycle passed over, its queue's quota used up, is shown waiting for quota ({@link
     * WaitReason#shown}).
     */
    private static WaitReason storedReason(JobRow row) {
        for (WaitReason r : WaitReason.values()) {
            if (r.key().equals(row.waitReason())) {
                return r;
            }
        }
        return WaitReason.NOT_YET_TRIED;
    }

    static String queueName(LiveView view, JobRow row) {
        if (row.queueId() < view.queues().size()) {
            QueueRow q = view.queues().get(row.queueId()).row();
            return q.fullName();
        }
        return row.tenant() + "/?";
    }

    /** Where the job runs: its site, blocks, racks and the executor's names of its nodes. */
    static Map<String, Object> placement(Map<Integer, Long> units, ServerContext c) {
        if (units.isEmpty()) {
            return null;
        }
        LiveView view = c.loop().view();
        TreeSet<String> sites = new TreeSet<>();
        TreeSet<Integer> blocks = new TreeSet<>();
        List<Integer> racks = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : units.entrySet()) {
            LiveView.RackView r = view.rack(e.getKey());
            if (r == null) {
                continue;
            }
            sites.add(r.site());
            blocks.add(r.block());
            racks.add(r.id());
            for (long m = e.getValue(); m != 0; m &= m - 1) {
                nodes.add(c.executor().nodeName(r.site(), r.block(), r.id(), Long.numberOfTrailingZeros(m)));
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("site", String.join(",", sites));
        p.put("blocks", List.copyOf(blocks));
        p.put("racks", racks);
        p.put("nodes", nodes);
        return p;
    }
}
