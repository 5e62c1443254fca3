package io.ultrafleet.cli;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.server.Server;
import io.ultrafleet.server.ServerOptions;
import io.ultrafleet.twin.forecast.ForecastSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ultrafleet serve}: the live control plane. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the scheduler live behind an HTTP API, with its state in a database (embedded by default).",
            "The scenario's fleet, tenants, queues and scheduler options are used on the first start; after that the"
                    + " database holds them."
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE|NAME",
            description = "Scenario file, or the name of a built-in one (default: ${DEFAULT-VALUE}).",
            defaultValue = "aws-openai-2025")
    String source;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (0: any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on.")
    String bind;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "ultrafleet-data",
            description = "Folder of the embedded database and the admin token (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description = "PostgreSQL instead of the embedded database: jdbc:postgresql://HOST:PORT/DB (user and"
                    + " password in the URL, or ULTRAFLEET_DB_USER / ULTRAFLEET_DB_PASSWORD).")
    String db;

    @Option(
            names = "--time-scale",
            paramLabel = "X",
            defaultValue = "1",
            description = "The server's clock runs X times the wall clock (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(
            names = "--start",
            paramLabel = "now|DATE",
            description = "First start only: where the server's clock starts (default: the scenario's start).")
    String start;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Requests a second each tenant may make before 429 (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PKCS#8).")
    Path tlsKey;

    @Option(
            names = "--forecast-replications",
            paramLabel = "N",
            defaultValue = "16",
            description = "Runs of the twin behind each forecast, from 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int forecastReplications;

    @Option(
            names = "--forecast-history-days",
            paramLabel = "N",
            defaultValue = "7",
            description = "Days of history forecasts draw demand and run times from, from 1 to 90"
                    + " (default: ${DEFAULT-VALUE}).")
    int forecastHistoryDays;

    @Option(
            names = "--forecast-threads",
            paramLabel = "N",
            description = "Threads forecasts run on, from 1 to 64 (default: half the machine's cores).")
    Integer forecastThreads;

    @Option(
            names = "--lease",
            paramLabel = "SECONDS",
            defaultValue = "3",
            description = "With PostgreSQL: how long the leader's lease lasts without renewal; a standby takes over"
                    + " within about this when the leader dies (default: ${DEFAULT-VALUE}).")
    double leaseSeconds;

    @Option(
            names = "--advertise-url",
            paramLabel = "URL",
            description = "The address other servers give clients for this one while it leads (default: its own"
                    + " http(s)://ADDRESS:PORT).")
    String advertiseUrl;

    @Option(
            names = "--max-live-jobs",
            paramLabel = "N",
            description = "The most queued and running jobs the server takes; past it a submission is refused (429)"
                    + " until jobs end (default: as many as the heap holds, two kilobytes each).")
    Long maxLiveJobs;

    @Option(
            names = "--max-live-jobs-per-tenant",
            paramLabel = "N",
            description = "The most queued and running jobs of one tenant (default: no limit but --max-live-jobs).")
    Long maxLiveJobsPerTenant;

    @Override
    public Integer call() throws InterruptedException {
        if (!(leaseSeconds >= 0.5 && leaseSeconds <= 60)) {
            throw new BadFlagException(
                    "--lease", FlagConverters.shown(leaseSeconds), "is not a number of seconds from 0.5 to 60");
        }
        if (advertiseUrl != null && !advertiseUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new BadFlagException("--advertise-url", advertiseUrl, "is not an http:// or https:// address");
        }
        if (!(timeScale > 0) || timeScale > 1e7 || Double.isNaN(timeScale)) {
            throw new BadFlagException(
                    "--time-scale", FlagConverters.shown(timeScale), "is not a number above 0 and at most 10,000,000");
        }
        if (port < 0 || port > 65_535) {
            throw new BadFlagException("--port", String.valueOf(port), "is not a port from 0 to 65535");
        }
        jobLimit("--max-live-jobs", maxLiveJobs);
        jobLimit("--max-live-jobs-per-tenant", maxLiveJobsPerTenant);
        if (!(rateLimit >= 1)) {
            throw new BadFlagException(
                    "--rate-limit", FlagConverters.shown(rateLimit), "is not a number of at least 1");
        }
        ForecastSettings forecasts = forecastSettings();
        ScenarioSource text = ScenarioSource.of(source);
        text.scenario(HardwareCatalogue.builtIn(), java.util.List.of());
        String version = new VersionProvider().getVersion()[0];
        AtomicReference<Server> running = new AtomicReference<>();
        AtomicBoolean stopRequested = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook is in place before the server starts, so that a stop during the start still closes it.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopRequested.set(true);
                            Server s = running.getAndSet(null);
                            if (s != null) {
                                s.close();
                            }
                            stopped.countDown();
                        },
                        "ultrafleet-serve-stop"));
        Server server = Server.start(
                new ServerOptions(
                        text.name(),
                        text.yaml(),
                        data,
                        db,
                        System.getenv("ULTRAFLEET_DB_USER"),
                        System.getenv("ULTRAFLEET_DB_PASSWORD"),
                        bind,
                        port,
                        start,
                        timeScale,
                        System.getenv("ULTRAFLEET_ADMIN_TOKEN"),
                        rateLimit,
                        version,
                        tlsCert,
                        tlsKey,
                        Math.round(leaseSeconds * 1000),
                        advertiseUrl,
                        maxLiveJobs == null ? 0 : maxLiveJobs,
                        maxLiveJobsPerTenant == null ? 0 : maxLiveJobsPerTenant),
                TwinForecasting.factory(forecasts),
                TwinSiteFacts.reader());
        running.set(server);
        if (stopRequested.get() && running.compareAndSet(server, null)) {
            server.close();
        }
        stopped.await();
        return 0;
    }

    private static void jobLimit(String flag, Long n) {
        if (n != null && (n < 1 || n > 1_000_000_000L)) {
            throw new BadFlagException(flag, String.valueOf(n), "is not a number from 1 to 1,000,000,000");
        }
    }

    /** The forecasts' settings from the flags: 7 days ahead, hourly bands, seed 42. */
    private ForecastSettings forecastSettings() {
        if (forecastReplications < 1 || forecastReplications > ForecastSettings.MAX_REPLICATIONS) {
            throw new BadFlagException(
                    "--forecast-replications", String.valueOf(forecastReplications), "is not a number from 1 to 1000");
        }
        if (forecastHistoryDays < 1 || forecastHistoryDays > 90) {
            throw new BadFlagException(
                    "--forecast-history-days", String.valueOf(forecastHistoryDays), "is not a number from 1 to 90");
        }
        int threads =
                forecastThreads == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : forecastThreads;
        if (threads < 1 || threads > 64) {
            throw new BadFlagException("--forecast-threads", String.valueOf(threads), "is not a number from 1 to 64");
        }
        return ForecastSettings.defaults()
                .withReplications(forecastReplications)
                .withThreads(threads)
                .withWindow(forecastHistoryDays * ForecastSettings.DAY_MS);
    }
}
