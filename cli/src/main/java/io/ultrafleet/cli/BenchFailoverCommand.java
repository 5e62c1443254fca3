package io.ultrafleet.cli;

import io.ultrafleet.cli.bench.FailoverBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ultrafleet bench failover}: the leader killed round after round under load; what was lost, and how fast. */
@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description = "Start an embedded PostgreSQL and three servers on loopback, submit jobs steadily, kill the"
                + " leader with SIGKILL once a round, and report acknowledged submissions lost or duplicated, units"
                + " held wrongly, and the time until another server leads.")
final class BenchFailoverCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "10",
            description = "Leader kills, from 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "25",
            description = "Submissions a second the clients aim at in all, from 1 to 5000 (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--soak-minutes",
            paramLabel = "M",
            description = "Run a soak instead of rounds: M minutes (1 to 1440) at --rate with a leader kill every 5"
                    + " minutes, reporting the slopes of the leader's heap and of PostgreSQL's connections.")
    Double soakMinutes;

    @Option(
            names = "--racks",
            paramLabel = "N",
            defaultValue = "8",
            description =
                    "NVL72 racks in the servers' fleet, from 1 to 2000 (default: ${DEFAULT-VALUE}); a soak at a high"
                            + " --rate needs a fleet that runs its 3-second jobs as fast as they come.")
    int racks;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || rounds > 1000) {
            throw new BadFlagException("--rounds", String.valueOf(rounds), "is not a number from 1 to 1000");
        }
        if (!(rate >= 1 && rate <= 5000)) {
            throw new BadFlagException("--rate", FlagConverters.shown(rate), "is not a number from 1 to 5000");
        }
        if (soakMinutes != null && !(soakMinutes >= 1 && soakMinutes <= 1440)) {
            throw new BadFlagException(
                    "--soak-minutes", String.valueOf(soakMinutes), "is not a number of minutes from 1 to 1440");
        }
        if (racks < 1 || racks > 2000) {
            throw new BadFlagException("--racks", String.valueOf(racks), "is not a number from 1 to 2000");
        }
        FailoverBenchmark.Result r =
                new FailoverBenchmark(rounds, rate, soakMinutes == null ? 0 : soakMinutes, racks).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(
                    Locale.ROOT,
                    "{\"rounds\": %d, \"acknowledged\": %d, \"lost\": %d, \"duplicated\": %d,"
                            + " \"double_allocated_racks\": %d, \"takeover_p50_s\": %s, \"takeover_p99_s\": %s,"
                            + " \"rate_per_s\": %.0f%s}%n",
                    r.rounds(),
                    r.acknowledged(),
                    r.lost(),
                    r.duplicated(),
                    r.doubleAllocatedRacks(),
                    seconds(r.takeoverP50S()),
                    seconds(r.takeoverP99S()),
                    r.rate(),
                    r.soakMinutes() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", \"soak_minutes\": %.0f, \"leader_heap_slope_mib_per_h\": %.1f,"
                                            + " \"pg_connections_slope_per_h\": %.2f",
                                    r.soakMinutes(),
                                    r.heapSlopeMibPerHour(),
                                    r.connectionsSlopePerHour()));
        } else {
            out.printf(Locale.ROOT, "Rounds (leader kills)      %d%n", r.rounds());
            out.printf(
                    Locale.ROOT,
                    "Acknowledged submissions   %,d (aiming at %.0f a second)%n",
                    r.acknowledged(),
                    r.rate());
            out.printf(Locale.ROOT, "Lost                       %d%n", r.lost());
            out.printf(Locale.ROOT, "Duplicated                 %d%n", r.duplicated());
            out.printf(Locale.ROOT, "Units held wrongly         %d%n", r.doubleAllocatedRacks());
            out.printf(
                    Locale.ROOT,
                    "Kill to next leader        p50 %.2f s, p99 %.2f s%n",
                    r.takeoverP50S(),
                    r.takeoverP99S());
            if (r.soakMinutes() != null) {
                out.printf(
                        Locale.ROOT,
                        "Soak of %.0f min             leader heap %+.1f MiB/h, PostgreSQL connections %+.2f/h%n",
                        r.soakMinutes(),
                        r.heapSlopeMibPerHour(),
                        r.connectionsSlopePerHour());
            }
        }
        out.flush();
        return 0;
    }

    /** Seconds with two decimals, or null when there is none (a soak shorter than its first kill). */
    private static String seconds(double s) {
        return Double.isNaN(s) ? "null" : String.format(Locale.ROOT, "%.2f", s);
    }
}
