package io.ultrafleet.cli;

import static io.ultrafleet.cli.SummaryTable.big;
import static io.ultrafleet.cli.SummaryTable.row;

import io.ultrafleet.twin.agents.AgentStats;
import io.ultrafleet.twin.run.RunResult;
import io.ultrafleet.twin.serving.ServiceStats;
import io.ultrafleet.twin.serving.ServingResult;
import java.io.PrintWriter;

/** The inference and agent lines of the readable run summary. */
final class ServingLines {
    private ServingLines() {}

    static void print(RunResult r, PrintWriter out) {
        ServingResult s = r.serving();
        if (!s.services().isEmpty()) {
            double tokens = 0;
            double met = 0;
            double done = 0;
            double gpuHours = 0;
            int peak = 0;
            for (ServiceStats st : s.services()) {
                tokens += st.inputTokens() + st.outputTokens();
                met += st.sloMetRequests();
                done += st.requestsServed() + st.requestsShed();
                gpuHours += st.gpuHours();
                peak += st.replicasMax();
            }
            row(
                    out,
                    "Inference",
                    String.format(
                            "%s tokens served, SLO attainment %.4f, %s GPU-hours, %d services (peak replicas %,d)",
                            big(tokens),
                            done > 0 ? met / done : 1,
                            big(gpuHours),
                            s.services().size(),
                            peak));
        }
        if (s.hasAgents()) {
            AgentStats a = s.agents();
            double sessions = 0;
            double vcpuHours = 0;
            double waitHours = 0;
            double left = 0;
            for (AgentStats.KindTotals t : a.byKind().values()) {
                sessions += t.admitted();
                vcpuHours += t.vcpuHours();
                waitHours += t.waitingSessionHours();
                left += t.admitted() + t.abandoned();
            }
            row(
                    out,
                    "Agents",
                    String.format(
                            "%s sessions, peak %s sandboxes, %s vCPU-hours, mean wait for a sandbox %.1f s;"
                                    + " rollouts peak %s vCPUs",
                            big(sessions),
                            big(a.peakSandboxes()),
                            big(vcpuHours),
                            left > 0 ? 3600 * waitHours / left : 0,
                            big(a.rolloutPeakVcpus())));
        }
    }
}
