package io.ultrafleet.server.live;

import io.ultrafleet.fleet.FleetView;
import io.ultrafleet.server.executor.Dispatch;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.workload.Job;
import java.util.ArrayList;
import java.util.List;

/** A job's run as an executor is told it: its units, the nodes they are, what it runs, and for how long. */
final class Dispatches {
    private Dispatches() {}

    /** The run of {@code lj} from {@code from} on the units it holds; {@code first} as {@link Dispatch#first()}. */
    static Dispatch of(LiveJob lj, long from, Executor executor, FleetView fleet, boolean first) {
        Job j = lj.job;
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < j.racks().length; i++) {
            for (long m = j.unitMasks()[i]; m != 0; m &= m - 1) {
                nodes.add(nodeName(executor, fleet, j.racks()[i], Long.numberOfTrailingZeros(m)));
            }
        }
        return new Dispatch(
                j.id(),
                j.name(),
                j.racks().clone(),
                j.unitMasks().clone(),
                nodes,
                lj.command(),
                lj.env(),
                from,
                j.runs(),
                Math.max(1, LiveProgress.endOf(j) - from),
                first);
    }

    private static String nodeName(Executor executor, FleetView fleet, int rack, int unit) {
        int block = fleet.rackBlock(rack);
        return executor.nodeName(fleet.topology().siteName(fleet.topology().blockSite(block)), block, rack, unit);
    }
}
