package io.ultrafleet.cli;

import io.ultrafleet.twin.replay.philly.ActiveNodesCsv;
import io.ultrafleet.twin.replay.philly.DailyAgreement;
import io.ultrafleet.twin.replay.philly.InServicePool;
import io.ultrafleet.twin.replay.philly.NodeSequence;
import io.ultrafleet.twin.replay.philly.PhillyJob;
import io.ultrafleet.twin.replay.philly.PhillyJson;
import io.ultrafleet.twin.replay.philly.PhillyMachine;
import io.ultrafleet.twin.replay.philly.PhillyPolicies;
import io.ultrafleet.twin.replay.philly.PhillyPolicy;
import io.ultrafleet.twin.replay.philly.PhillyReplay;
import io.ultrafleet.twin.replay.philly.PhillyResult;
import io.ultrafleet.twin.replay.philly.PhillyText;
import io.ultrafleet.twin.replay.philly.PhillyTrace;
import io.ultrafleet.twin.replay.philly.PhillyTraceException;
import io.ultrafleet.twin.replay.philly.PhillyVc;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay philly}: Microsoft Philly's jobs on Philly's fleet, through the scheduler core (docs/replay.md). */
@Command(
        name = "philly",
        mixinStandardHelpOptions = true,
        description = {
            "Replay Microsoft Philly's training jobs (submit time, duration, GPUs, virtual cluster) on Philly's own"
                    + " servers and virtual clusters with the scheduler core, under a Philly-like policy or"
                    + " Ultrafleet's own. Prints queueing delay, completion time and GPU utilisation per VC and"
                    + " overall; --out DIR writes the active servers once a minute (active_nodes.csv)."
        })
final class ReplayPhillyCommand implements Callable<Integer> {
    static final String DATA = "data/philly";
    static final String MACHINES = "revised_machine_list.csv";
    static final String VCS = "philly_vc_nodes.csv";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--jobs", required = true, paramLabel = "FILE", description = "Job list CSV (Pollux's philly.csv).")
    Path jobs;

    @Option(
            names = "--machines",
            paramLabel = "FILE",
            description = "Machine list CSV (default: " + DATA + "/" + MACHINES + ").")
    Path machines;

    @Option(names = "--vcs", paramLabel = "FILE", description = "VC list CSV (default: " + DATA + "/" + VCS + ").")
    Path vcs;

    @Option(
            names = "--policy",
            defaultValue = PhillyPolicies.DEFAULT,
            paramLabel = "NAME",
            description = "philly (default), fair, backfill or topology.")
    String policy;

    @Option(
            names = "--servers",
            paramLabel = "N",
            description = "Servers in service (default: " + InServicePool.PHILLY_SERVERS
                    + ", the real series' pool, or all servers with GPUs if fewer).")
    Integer servers;

    @Option(
            names = "--unseen-work",
            defaultValue = "" + PhillyReplay.CALIBRATED_UNSEEN_WORK,
            paramLabel = "X",
            description = "Work the trace does not carry, beside each job, as a multiple of its duration"
                    + " (default: ${DEFAULT-VALUE}, calibrated; 0 for none).")
    double unseenWork;

    @Option(
            names = "--real",
            paramLabel = "FILE",
            description = "A real series of active servers (time,active,total) to print the daily-mean error against.")
    Path real;

    @Option(
            names = "--warmup-days",
            defaultValue = "3",
            paramLabel = "N",
            description = "Days after the first submission left out of the error (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(names = "--out", paramLabel = "DIR", description = "Write active_nodes.csv here.")
    Path out;

    @Option(names = "--json", description = "Print the result as JSON on stdout and nothing else there.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PhillyPolicy p = PhillyPolicies.named(policy)
                .orElseThrow(() -> new BadFlagException(
                        "--policy",
                        policy,
                        "is no Philly policy; allowed " + String.join(", ", PhillyPolicies.names())));
        if (!(unseenWork >= 0 && unseenWork <= PhillyReplay.MAX_UNSEEN_WORK)) {
            throw new BadFlagException(
                    "--unseen-work",
                    FlagConverters.shown(unseenWork),
                    "is out of range; allowed a number from 0 to "
                            + FlagConverters.shown(PhillyReplay.MAX_UNSEEN_WORK));
        }
        if (warmupDays < 0 || warmupDays > 366) {
            throw new BadFlagException(
                    "--warmup-days", Integer.toString(warmupDays), "is out of range; allowed an integer from 0 to 366");
        }
        if (out != null) {
            OutputChecks.folder("--out", out, List.of(ActiveNodesCsv.FILE));
        }
        Path machineFile = machines != null ? machines : defaultData(MACHINES, "--machines");
        Path vcFile = vcs != null ? vcs : defaultData(VCS, "--vcs");
        List<PhillyJob> jobList;
        List<PhillyMachine> machineList;
        List<PhillyVc> vcList;
        NodeSequence realSeries;
        try {
            jobList = PhillyTrace.readJobs(jobs);
            machineList = PhillyTrace.readMachines(machineFile);
            vcList = PhillyTrace.readVcs(vcFile);
            realSeries = real == null ? null : NodeSequence.read(real);
        } catch (PhillyTraceException e) {
            throw new BadInputException(e.getMessage());
        }
        int withGpus = (int) machineList.stream().filter(m -> m.gpus() > 0).count();
        int pool = servers != null ? servers : Math.min(InServicePool.PHILLY_SERVERS, withGpus);
        if (pool < 1 || pool > withGpus) {
            throw new BadFlagException(
                    "--servers",
                    Integer.toString(pool),
                    "is out of range; allowed an integer from 1 to " + withGpus + " (the servers with GPUs in "
                            + machineFile + ")");
        }

        long first = jobList.stream().mapToLong(PhillyJob::submitMs).min().orElseThrow();
        long last = jobList.stream().mapToLong(PhillyJob::submitMs).max().orElseThrow();
        StopSignal stop = Main.stopSignal(spec);
        PhillyResult r;
        double wallS;
        // the output's temporary folder is made before the replay: a place that takes nothing is refused at once
        try (StagedOutput staged = out == null ? null : StagedOutput.begin("--out", out, stop)) {
            Progress progress = Progress.forStderr(first, Math.max(first + 1, last), stop);
            long t0 = System.nanoTime();
            r = PhillyReplay.run(
                    jobList, machineList, vcList, new PhillyReplay.Settings(p, pool, unseenWork), (now, events) -> {
                        stop.check();
                        progress.progress(now - first, events);
                    });
            progress.done();
            wallS = (System.nanoTime() - t0) / 1e9;
            if (staged != null) {
                ActiveNodesCsv.write(r.active(), staged.dir());
                stop.check();
                staged.commit();
            }
        }
        List<DailyAgreement.Day> agreement = realSeries == null
                ? null
                : DailyAgreement.days(
                        r.active(), realSeries, r.active().startMs() + warmupDays * 86_400_000L, Long.MAX_VALUE);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(PhillyJson.toJson(r, agreement));
        } else {
            printHeader(o, p, r, jobList, machineFile, vcFile, withGpus);
            PhillyText.print(r, agreement, o);
        }
        o.flush();
        spec.commandLine()
                .getErr()
                .printf(
                        Locale.ROOT,
                        "replayed %,d jobs (%,d of unseen work) in %.1f s wall time%n",
                        jobList.size() + r.unseenJobs(),
                        r.unseenJobs(),
                        wallS);
        return 0;
    }

    private void printHeader(
            PrintWriter o,
            PhillyPolicy p,
            PhillyResult r,
            List<PhillyJob> jobList,
            Path machineFile,
            Path vcFile,
            int withGpus) {
        o.printf(Locale.ROOT, "Philly replay: policy %s (%s)%n", p.name(), p.summary());
        o.printf(
                Locale.ROOT,
                "fleet    %,d of the %,d servers with GPUs in %s, %,d GPUs%n",
                r.servers(),
                withGpus,
                machineFile.getFileName(),
                r.gpus());
        long shared = r.vcs().stream()
                .filter(t -> t.hasShare())
                .mapToLong(t -> t.shareGpus())
                .sum();
        o.printf(
                Locale.ROOT,
                "VCs      %s: %,d GPUs in shares, %,d GPUs no VC holds%n",
                vcFile.getFileName(),
                shared,
                Math.max(0, r.gpus() - shared));
        o.printf(
                Locale.ROOT,
                "jobs     %s: %,d jobs from %s to %s, largest %d GPUs; unseen work %.2f x beside them%n%n",
                jobs.getFileName(),
                jobList.size(),
                PhillyTrace.format(r.active().startMs()).substring(0, 10),
                PhillyTrace.format(r.active().endMs() - 1).substring(0, 10),
                jobList.stream().mapToInt(PhillyJob::gpus).max().orElse(0),
                r.unseenWork());
    }

    /**
     * A list the repository carries: under {@code data/philly} of the working directory, or of the folder the
     * command's jar was built in.
     */
    private static Path defaultData(String name, String flag) {
        Path here = Path.of(DATA, name);
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(ReplayPhillyCommand.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(DATA).resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the error below
        }
        throw new BadInputException(flag + " not given and " + DATA + "/" + name + " not found (run from the"
                + " repository, or give " + flag + " FILE)");
    }
}
