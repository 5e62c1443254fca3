package io.ultrafleet.cli;

import io.ultrafleet.twin.inference.InferenceReplay;
import io.ultrafleet.twin.inference.InferenceReplayJson;
import io.ultrafleet.twin.inference.InferenceReplayResult;
import io.ultrafleet.twin.inference.InferenceTrace;
import io.ultrafleet.twin.inference.InferenceTraceException;
import io.ultrafleet.twin.inference.Overload;
import io.ultrafleet.twin.inference.ServiceProfile;
import io.ultrafleet.twin.inference.ServiceProfiles;
import io.ultrafleet.twin.inference.ServingMetrics;
import io.ultrafleet.twin.inference.TraceFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay inference}: a request trace served request by request and as flows, side by side (docs/inference.md). */
@Command(
        name = "inference",
        mixinStandardHelpOptions = true,
        description = {
            "Serve an LLM request trace (Azure LLM inference 2023 CSV or Mooncake JSON lines) on a pool of replicas,"
                    + " twice: request by request with continuous batching, and with the twin's flow model fed the"
                    + " trace per step. Prints throughput, latency percentiles and SLO attainment from both."
        })
final class ReplayInferenceCommand implements Callable<Integer> {
    private static final int MAX_STEP_S = 3_600;

    /** The longest queue wait before shedding: a day. */
    private static final int MAX_WAIT_S = 86_400;

    /** The longest TTFT or TPOT target: an hour. */
    private static final long MAX_SLO_MS = 3_600_000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The request trace.")
    Path trace;

    @Option(names = "--format", required = true, paramLabel = "NAME", description = "Trace format: azure or mooncake.")
    String format;

    @Option(
            names = "--replicas",
            paramLabel = "N",
            description = "Replicas in the pool (default: the fewest whose busiest step is offered at most 70 %% of"
                    + " their capacity).")
    Integer replicas;

    @Option(
            names = "--profile",
            defaultValue = ServiceProfiles.DEFAULT_REPLAY,
            paramLabel = "NAME",
            description = "Service profile: the model, hardware and SLO of a replica (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--step",
            defaultValue = "60",
            paramLabel = "SECONDS",
            description = "The flow model's step (default: ${DEFAULT-VALUE}).")
    int stepS;

    @Option(
            names = "--max-queue-wait",
            paramLabel = "SECONDS",
            description = "Shed requests that waited this long for a replica (default: queue them, never shed).")
    Integer maxQueueWaitS;

    @Option(names = "--ttft-ms", paramLabel = "MS", description = "TTFT target instead of the profile's.")
    Long ttftMs;

    @Option(names = "--tpot-ms", paramLabel = "MS", description = "TPOT target instead of the profile's.")
    Long tpotMs;

    @Option(names = "--no-prefix-cache", description = "Do not replay prefix-cache hits (Mooncake traces).")
    boolean noPrefixCache;

    @Option(names = "--json", description = "Print the result as JSON on stdout and nothing else there.")
    boolean json;

    @Override
    public Integer call() {
        TraceFormat f = TraceFormat.named(format)
                .orElseThrow(() -> new BadFlagException(
                        "--format",
                        format,
                        "is no trace format; allowed " + String.join(" or ", TraceFormat.labels())));
        ServiceProfile p = profile();
        if (replicas != null && (replicas < 1 || replicas > InferenceReplay.MAX_REPLICAS)) {
            throw outOfRange("--replicas", replicas, 1, InferenceReplay.MAX_REPLICAS);
        }
        if (stepS < 1 || stepS > MAX_STEP_S) {
            throw outOfRange("--step", stepS, 1, MAX_STEP_S);
        }
        if (maxQueueWaitS != null && (maxQueueWaitS < 1 || maxQueueWaitS > MAX_WAIT_S)) {
            throw outOfRange("--max-queue-wait", maxQueueWaitS, 1, MAX_WAIT_S);
        }
        Overload overload = maxQueueWaitS == null ? Overload.queue() : Overload.shedAfter(maxQueueWaitS * 1000L);
        InferenceTrace t;
        try {
            t = f.read(trace);
        } catch (InferenceTraceException e) {
            throw new BadInputException(e.getMessage());
        }
        InferenceReplay.Settings settings =
                new InferenceReplay.Settings(p, stepS * 1000L, overload, !noPrefixCache && t.hasBlockHashes());
        long t0 = System.nanoTime();
        InferenceReplayResult r = InferenceReplay.run(t, settings, replicas == null ? 0 : replicas);
        double wallS = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(InferenceReplayJson.toJson(r));
        } else {
            printTable(out, r);
        }
        out.flush();
        spec.commandLine()
                .getErr()
                .printf(
                        Locale.ROOT,
                        "replayed %,d requests on %d replica%s in %.2f s wall time%n",
                        r.requests(),
                        r.replicas(),
                        r.replicas() == 1 ? "" : "s",
                        wallS);
        return 0;
    }

    private ServiceProfile profile() {
        ServiceProfile p = ServiceProfiles.get(profile)
                .orElseThrow(() -> new BadFlagException(
                        "--profile",
                        profile,
                        "is no service profile; allowed " + String.join(", ", ServiceProfiles.names())));
        if (ttftMs == null && tpotMs == null) {
            return p;
        }
        long ttft = ttftMs == null ? p.ttftTargetMs() : ttftMs;
        long tpot = tpotMs == null ? p.tpotTargetMs() : tpotMs;
        if (ttft < 1 || ttft > MAX_SLO_MS) {
            throw outOfRange("--ttft-ms", ttft, 1, MAX_SLO_MS);
        }
        if (tpot > MAX_SLO_MS) {
            throw outOfRange("--tpot-ms", tpot, 1, MAX_SLO_MS);
        }
        if (tpot * 1000 <= p.decodeStepBaseUs()) {
            throw new BadFlagException(
                    "--tpot-ms",
                    Long.toString(tpot),
                    String.format(
                            Locale.ROOT,
                            "is too short; allowed more than the one-sequence decode step of %s (%.1f ms)",
                            p.name(),
                            p.decodeStepBaseUs() / 1000.0));
        }
        return p.withSlo(ttft, tpot);
    }

    private static BadFlagException outOfRange(String flag, long value, long min, long max) {
        return new BadFlagException(
                flag, Long.toString(value), "is out of range; allowed an integer from " + min + " to " + max);
    }

    private static void printTable(PrintWriter out, InferenceReplayResult r) {
        ServiceProfile p = r.profile();
        out.printf(
                Locale.ROOT,
                "inference replay: %s (%s), %,d requests over %.1f min%n",
                r.trace(),
                r.format().label(),
                r.requests(),
                r.windowS() / 60);
        out.printf(
                Locale.ROOT,
                "profile  %s: %s on %s, %d GPUs per replica; SLO TTFT %.1f s, TPOT %d ms%n",
                p.name(),
                p.model(),
                p.hardware(),
                p.gpusPerReplica(),
                p.ttftTargetS(),
                p.tpotTargetMs());
        out.printf(
                Locale.ROOT,
                "pool     %d replica%s (%,d GPUs)%s; offered load mean %.0f %%, busiest %d s step %.0f %%%n",
                r.replicas(),
                r.replicas() == 1 ? "" : "s",
                (long) r.replicas() * p.gpusPerReplica(),
                r.replicasChosen() ? ", the fewest with the busiest step at most 70 % loaded" : "",
                100 * r.meanLoad(),
                r.stepMs() / 1000,
                100 * r.peakLoad());
        out.printf(
                Locale.ROOT,
                "demand   %.2f req/s, %,.0f prompt tok/s (%.1f %% from the prefix cache), %,.0f output tok/s; %s%n%n",
                r.requestsPerS(),
                r.inputTokensPerS(),
                100 * r.prefixCacheShare(),
                r.outputTokensPerS(),
                r.overload().sheds()
                        ? "shed after " + r.overload().maxQueueWaitMs() / 1000 + " s in queue"
                        : "overload queues");
        ServingMetrics a = r.requestLevel();
        ServingMetrics b = r.flow();
        out.printf(Locale.ROOT, "%-26s%18s%18s%n", "", "request-level", "flow");
        row(out, "throughput (tok/s)", "%,.1f", a.throughputTokensPerS(), b.throughputTokensPerS());
        row(out, "SLO attainment", "%.4f", a.sloAttainment(), b.sloAttainment());
        pair(out, "latency p50 / p99 (s)", a.p50LatencyS(), a.p99LatencyS(), b.p50LatencyS(), b.p99LatencyS(), 1);
        pair(out, "TTFT p50 / p99 (s)", a.ttftP50S(), a.ttftP99S(), b.ttftP50S(), b.ttftP99S(), 1);
        pair(out, "TPOT p50 / p99 (ms)", a.tpotP50S(), a.tpotP99S(), b.tpotP50S(), b.tpotP99S(), 1000);
        row(out, "mean batch per replica", "%.2f", a.meanBatch(), b.meanBatch());
        out.printf(
                Locale.ROOT,
                "%-26s%18s%18s%n",
                "requests served / shed",
                a.servedRequests() + " / " + a.shedRequests(),
                b.servedRequests() + " / " + b.shedRequests());
        out.printf(
                Locale.ROOT,
                "%nagreement: flow/request-level throughput %.3f, SLO attainment difference %+.4f%n",
                r.throughputRatio(),
                Math.round(r.sloAttainmentDifference() * 1e4) / 1e4 + 0.0);
    }

    private static void row(PrintWriter out, String label, String format, double a, double b) {
        out.printf(Locale.ROOT, "%-26s%18s%18s%n", label, fmt(format, a), fmt(format, b));
    }

    private static void pair(PrintWriter out, String label, double a50, double a99, double b50, double b99, double k) {
        String f = k == 1 ? "%.3f" : "%.1f";
        out.printf(
                Locale.ROOT,
                "%-26s%18s%18s%n",
                label,
                fmt(f, a50 * k) + " / " + fmt(f, a99 * k),
                fmt(f, b50 * k) + " / " + fmt(f, b99 * k));
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }
}
