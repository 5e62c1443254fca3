package io.ultrafleet.cli;

import io.ultrafleet.scheduling.share.SharePolicies;
import io.ultrafleet.twin.replay.OpenbNode;
import io.ultrafleet.twin.replay.OpenbPod;
import io.ultrafleet.twin.replay.OpenbReplay;
import io.ultrafleet.twin.replay.OpenbTrace;
import io.ultrafleet.twin.replay.OpenbTraceException;
import io.ultrafleet.twin.replay.OpenbWorkload;
import io.ultrafleet.twin.replay.ReplayJson;
import io.ultrafleet.twin.replay.ReplayResult;
import io.ultrafleet.twin.replay.SeedResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ultrafleet replay openb}: replays a public trace under a packing policy; {@code ultrafleet replay inference}:
 * an LLM request trace served request by request and as flows.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replay a public trace: GPU packing (openb), LLM serving (inference) or a training cluster (philly).",
        subcommands = {ReplayCommand.Openb.class, ReplayInferenceCommand.class, ReplayPhillyCommand.class})
final class ReplayCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code replay openb}: the FGD paper's protocol on the Alibaba openb traces (docs/replay.md). */
    @Command(
            name = "openb",
            mixinStandardHelpOptions = true,
            description = {
                "Replay an Alibaba openb pod list on its node list under a GPU packing policy, by the protocol of the"
                        + " FGD paper (USENIX ATC'23): pods shuffled, tuned to --target x the GPU capacity, placed one"
                        + " by one. Prints, per seed and on average, the GPU allocation %% when the arrived GPU demand"
                        + " reaches 90, 100 and 130 %% of capacity."
            })
    static final class Openb implements Callable<Integer> {
        private static final int MAX_SEEDS = 1000;

        /** The range of {@code --target}. */
        private static final double MIN_TARGET = 0.01;

        private static final double MAX_TARGET = 10;

        /** The most pods a tuned pod list may have. */
        private static final long MAX_TUNED_PODS = 10_000_000;

        /** The most pods times nodes of one seed: a policy may look at every node for every pod. */
        private static final long MAX_POD_NODE_PAIRS = 2_000_000_000L;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--nodes", required = true, paramLabel = "FILE", description = "Node list CSV.")
        Path nodes;

        @Option(names = "--pods", required = true, paramLabel = "FILE", description = "Pod list CSV.")
        Path pods;

        @Option(
                names = "--policy",
                required = true,
                paramLabel = "NAME",
                description = "Packing policy: firstfit, bestfit, fgd or best.")
        String policy;

        @Option(
                names = "--seeds",
                defaultValue = "42-51",
                paramLabel = "LIST",
                description = "Seeds: a range A-B, a comma list, or both (default: ${DEFAULT-VALUE}).")
        String seeds;

        @Option(
                names = "--target",
                defaultValue = "1.3",
                paramLabel = "X",
                description = "GPU demand to tune the pod list to, as a multiple of the GPU capacity"
                        + " (default: ${DEFAULT-VALUE}).")
        double target;

        @Option(names = "--json", description = "Print the result as JSON on stdout and nothing else there.")
        boolean json;

        @Override
        public Integer call() {
            if (!SharePolicies.exists(policy)) {
                throw new BadFlagException(
                        "--policy",
                        policy,
                        "is no packing policy; allowed " + String.join(", ", SharePolicies.names()));
            }
            if (!(target >= MIN_TARGET && target <= MAX_TARGET)) {
                throw new BadFlagException(
                        "--target",
                        FlagConverters.shown(target),
                        "is out of range; allowed a number from " + FlagConverters.shown(MIN_TARGET) + " to "
                                + FlagConverters.shown(MAX_TARGET));
            }
            List<Long> seedList = parseSeeds(seeds);
            List<OpenbNode> nodeList;
            List<OpenbPod> podList;
            try {
                nodeList = OpenbTrace.readNodes(nodes);
                podList = OpenbTrace.readPods(pods);
            } catch (OpenbTraceException e) {
                throw new BadInputException(e.getMessage());
            }
            OpenbWorkload workload;
            try {
                workload = OpenbWorkload.of(nodeList, podList);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(nodes + ": " + e.getMessage());
            }
            if (workload.gpuDemandMilli() == 0) {
                throw new BadInputException(
                        pods + ": no pod asks for a GPU, so the list cannot be tuned to a GPU" + " target");
            }
            double tuned = workload.pods().size() * target * workload.gpuCapacityMilli() / workload.gpuDemandMilli();
            if (tuned * workload.nodeCount() > MAX_POD_NODE_PAIRS) {
                throw new BadFlagException(
                        "--target",
                        FlagConverters.shown(target),
                        String.format(
                                "would place about %,.0f pods on %,d nodes per seed, more than %,d pod-node pairs, which"
                                        + " would take hours (lower --target, or give fewer nodes)",
                                tuned, workload.nodeCount(), MAX_POD_NODE_PAIRS));
            }
            if (tuned > MAX_TUNED_PODS) {
                throw new BadFlagException(
                        "--target",
                        FlagConverters.shown(target),
                        String.format(
                                "would tune the pod list to about %,.0f pods, allowed at most %,d (lower --target, or"
                                        + " give pods that ask for more GPU)",
                                tuned, MAX_TUNED_PODS));
            }

            long t0 = System.nanoTime();
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            StopSignal stop = Main.stopSignal(spec);
            PrintWriter err = spec.commandLine().getErr();
            int[] done = new int[1];
            ReplayResult result = OpenbReplay.run(workload, policy, seedList, target, threads, seed -> {
                stop.check();
                synchronized (done) {
                    done[0]++;
                    // A line per seed once the replay has taken a while, so that a long one shows it is moving.
                    if (System.nanoTime() - t0 > Progress.QUIET_NS) {
                        err.printf(Locale.ROOT, "  seed %d done (%d of %d)%n", seed.seed(), done[0], seedList.size());
                        err.flush();
                    }
                }
            });
            double wallS = (System.nanoTime() - t0) / 1e9;

            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.print(ReplayJson.toJson(result));
            } else {
                printTable(out, workload, result);
            }
            out.flush();
            spec.commandLine()
                    .getErr()
                    .printf(Locale.ROOT, "replayed %d seeds in %.1f s wall time%n", seedList.size(), wallS);
            return 0;
        }

        private void printTable(PrintWriter out, OpenbWorkload w, ReplayResult r) {
            out.printf(
                    Locale.ROOT,
                    "openb replay: policy %s, %d seeds, demand tuned to %.2f x GPU capacity%n",
                    r.policy(),
                    r.seeds().size(),
                    r.target());
            out.printf(
                    Locale.ROOT,
                    "nodes  %s: %,d nodes, %,d GPUs%n",
                    nodes.getFileName(),
                    w.nodeCount(),
                    w.gpuCapacityMilli() / 1000);
            out.printf(
                    Locale.ROOT,
                    "pods   %s: %,d pods asking for %.1f %% of GPU capacity%n%n",
                    pods.getFileName(),
                    w.pods().size(),
                    100.0 * w.gpuDemandMilli() / w.gpuCapacityMilli());
            out.println("        GPU allocation % when arrived GPU demand is");
            StringBuilder head = new StringBuilder("seed  ");
            for (int p : OpenbReplay.POINTS) {
                head.append(String.format(Locale.ROOT, "%9s", p + " %"));
            }
            out.println(head.append(String.format(Locale.ROOT, "%10s%10s", "pods", "failed")));
            for (SeedResult s : r.seeds()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6d", s.seed()));
                for (int p : OpenbReplay.POINTS) {
                    row.append(pct(s.allocPctAt(p)));
                }
                out.println(row.append(String.format(Locale.ROOT, "%,10d%,10d", s.pods(), s.failed())));
            }
            StringBuilder mean = new StringBuilder("mean  ");
            for (int p : OpenbReplay.POINTS) {
                mean.append(pct(r.meanAllocPctAt(p)));
            }
            out.println(mean);
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? String.format(Locale.ROOT, "%9s", "-") : String.format(Locale.ROOT, "%9.2f", v);
        }

        /** {@code 42-51}, {@code 1,2,3} or a mix such as {@code 1-3,7}. */
        static List<Long> parseSeeds(String text) {
            Set<Long> out = new LinkedHashSet<>();
            for (String part : text.split(",", -1)) {
                String p = part.trim();
                int dash = p.indexOf('-');
                long from;
                long to;
                try {
                    if (dash > 0) {
                        from = Long.parseLong(p.substring(0, dash).trim());
                        to = Long.parseLong(p.substring(dash + 1).trim());
                    } else {
                        from = Long.parseLong(p);
                        to = from;
                    }
                } catch (NumberFormatException e) {
                    throw badSeeds(text, "has '" + p + "', which is not a seed or a range A-B");
                }
                if (from < 0 || to < from) {
                    throw badSeeds(text, "has '" + p + "'; allowed seeds >= 0 and ranges A-B with A <= B");
                }
                if (to - from >= MAX_SEEDS) {
                    throw badSeeds(text, "has more than " + MAX_SEEDS + " seeds");
                }
                // Counted from 0 to to - from (at most MAX_SEEDS), so that a range ending at the largest seed ends.
                for (long k = 0; k <= to - from; k++) {
                    long s = from + k;
                    if (!out.add(s)) {
                        throw badSeeds(text, "gives the seed " + s + " twice");
                    }
                    if (out.size() > MAX_SEEDS) {
                        throw badSeeds(text, "has more than " + MAX_SEEDS + " seeds");
                    }
                }
            }
            return new ArrayList<>(out);
        }

        private static BadInputException badSeeds(String text, String why) {
            return new BadFlagException(
                    "--seeds", text, why + " (allowed: a range such as 42-51, a comma list, or both)");
        }
    }
}
