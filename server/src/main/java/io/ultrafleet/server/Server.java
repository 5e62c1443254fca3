package io.ultrafleet.server;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.scheduling.sites.PlacementFacts;
import io.ultrafleet.scheduling.sites.SiteRankings;
import io.ultrafleet.server.api.ApiServer;
import io.ultrafleet.server.api.ServerContext;
import io.ultrafleet.server.auth.AdminToken;
import io.ultrafleet.server.auth.Authenticator;
import io.ultrafleet.server.clock.ServerClock;
import io.ultrafleet.server.executor.Executor;
import io.ultrafleet.server.executor.slurm.SlurmExecutor;
import io.ultrafleet.server.executor.slurm.SlurmSettings;
import io.ultrafleet.server.executor.virtual.VirtualExecutor;
import io.ultrafleet.server.forecast.ForecastService;
import io.ultrafleet.server.forecast.Forecasting;
import io.ultrafleet.server.forecast.JobHistory;
import io.ultrafleet.server.ha.Leadership;
import io.ultrafleet.server.ha.LeaseLeadership;
import io.ultrafleet.server.live.FitCheck;
import io.ultrafleet.server.live.JobLimits;
import io.ultrafleet.server.live.SchedulerLoop;
import io.ultrafleet.server.live.SubmissionWriter;
import io.ultrafleet.server.metrics.ServerMetrics;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.Settings;
import io.ultrafleet.spec.PlacementSpec;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioReader;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.Times;
import java.io.StringReader;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ultrafleet serve}: the scheduler core behind the HTTP API, with its state in a database. The first start
 * takes the fleet, tenants, queues and scheduler options from the scenario; every later start takes them from the
 * database, rebuilds the live state from it and carries on.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Database db;
    private final Leadership leadership;
    private final SchedulerLoop loop;
    private final SubmissionWriter writer;
    private final ApiServer api;
    private final ServerClock clock;
    private final ScenarioSpec spec;
    private final ForecastService forecasts;

    private Server(
            Database db,
            Leadership leadership,
            SchedulerLoop loop,
            SubmissionWriter writer,
            ApiServer api,
            ServerClock clock,
            ScenarioSpec spec,
            ForecastService forecasts) {
        this.db = db;
        this.leadership = leadership;
        this.loop = loop;
        this.writer = writer;
        this.api = api;
        this.clock = clock;
        this.spec = spec;
        this.forecasts = forecasts;
    }

    /**
     * Starts a server as {@code o} says, without forecasts; a problem the user can fix is a {@link StartupException}.
     */
    public static Server start(ServerOptions o) {
        return start(o, null);
    }

    /**
     * Starts a server as {@code o} says, making forecasts with what {@code forecasting} opens (null for none); a
     * problem the user can fix is a {@link StartupException}.
     */
    public static Server start(ServerOptions o, Forecasting.Factory forecasting) {
        return start(o, forecasting, null);
    }

    /**
     * Starts a server as {@code o} says, making forecasts with what {@code forecasting} opens (null for none) and
     * ranking sites by the prices and carbon {@code sites} reads from the scenario (null: the server knows neither,
     * and a policy by price or carbon ranks every site alike); a problem the user can fix is a {@link
     * StartupException}.
     */
    public static Server start(ServerOptions o, Forecasting.Factory forecasting, SiteFactsReader sites) {
        if ((o.tlsCert() == null) != (o.tlsKey() == null)) {
            throw new StartupException("--tls-cert and --tls-key go together");
        }
        if (o.tlsCert() != null) {
            io.ultrafleet.server.api.Tls.context(o.tlsCert(), o.tlsKey());
        }
        ScenarioReader.Read given = checkGiven(o);
        if (o.dbUrl() == null && (o.dbUser() != null || o.dbPassword() != null)) {
            // given, and not used: said, not dropped without a word
            LOG.warn(
                    "ULTRAFLEET_DB_USER and ULTRAFLEET_DB_PASSWORD are for PostgreSQL (--db); the embedded database"
                            + " in {} takes neither",
                    o.dataDir());
        }
        Database db = o.dbUrl() == null
                ? Database.embedded(o.dataDir())
                : Database.postgres(o.dbUrl(), o.dbUser(), o.dbPassword());
        try {
            return start(o, given, db, forecasting, sites);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Starts on {@code db}; {@code given} is the scenario given on this start, as read by {@link #checkGiven}. */
    private static Server start(
            ServerOptions o,
            ScenarioReader.Read given,
            Database db,
            Forecasting.Factory forecasting,
            SiteFactsReader sites) {
        long wallNow = System.currentTimeMillis();
        Optional<String> stored = db.withHandle(h -> Settings.get(h, StoredStart.SCENARIO_TEXT));
        String source = stored.isPresent()
                ? db.withHandle(h -> Settings.get(h, StoredStart.SCENARIO_SOURCE))
                        .orElse("stored scenario")
                : o.scenarioSource();
        ScenarioReader.Read read = stored.isPresent() ? read(HardwareCatalogue.builtIn(), source, stored.get()) : given;
        ScenarioSpec spec = read.spec();
        HardwareCatalogue catalogue = read.catalogue();
        SlurmSettings slurm = slurmSettings(given, read);
        if (stored.isEmpty()) {
            try {
                StoredStart.firstStart(db, o, spec, wallNow);
            } catch (RuntimeException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
                // several servers started at once on an empty database: another stored its scenario first
                LOG.info("another server started this database a moment ago; carrying on from what it stored");
                return start(o, given, db, forecasting, sites);
            }
        } else {
            if (!stored.get().equals(o.scenarioText())) {
                LOG.info(
                        "the database was started from {}; its fleet, queues and settings are kept (the scenario"
                                + " given now is not read again)",
                        source);
            }
            if (o.start() != null) {
                LOG.warn(
                        "--start {} is for a database's first start only: the server's clock carries on from where it"
                                + " stopped",
                        o.start());
            }
        }
        ServerClock clock = StoredStart.clock(db, o.timeScale(), wallNow);
        StoredStart.historySince(db, clock.now());
        String tokenWhere = AdminToken.ensure(db, o.adminToken(), o.dataDir(), clock.now());
        ServerMetrics metrics = new ServerMetrics();
        Executor executor;
        if (slurm == null) {
            executor = new VirtualExecutor();
        } else {
            try {
                executor = new SlurmExecutor(slurm, StoredStart.instance(db), clock::now, o.timeScale());
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage(), e);
            }
        }
        Leadership leadership = db.kind() == Database.Kind.POSTGRESQL
                ? new LeaseLeadership(db, holder(o), o.leaseMs(), clock::now)
                : Leadership.sole(db, clock::now);
        PlacementFacts facts = siteFacts(sites, source, stored.orElse(o.scenarioText()), spec);
        SchedulerLoop loop = new SchedulerLoop(db, spec, catalogue, facts, clock, executor, metrics, leadership);
        loop.start();
        metrics.watch(loop::view);
        metrics.leadership(loop::leading, leadership::epoch);
        metrics.watchClusters(executor::clusters);
        FitCheck fit = new FitCheck(spec, catalogue, facts);
        JobLimits limits = new JobLimits(o.maxLiveJobs(), o.maxLiveJobsPerTenant());
        LOG.info(
                "takes at most {} queued and running jobs{}",
                String.format("%,d", limits.server()),
                limits.perTenant() == Long.MAX_VALUE ? "" : String.format(", %,d of one tenant", limits.perTenant()));
        SubmissionWriter writer = new SubmissionWriter(db, loop, fit::fleet, limits);
        metrics.liveJobLimits(limits.server(), limits.perTenant());
        ApiServer api;
        ForecastService forecasts = null;
        try {
            if (forecasting != null) {
                Forecasting f = openForecasting(forecasting, source, stored.orElse(o.scenarioText()));
                forecasts = new ForecastService(loop, new JobHistory(db, spec, catalogue), f);
            }
            ServerContext context = new ServerContext(
                    db,
                    loop,
                    writer,
                    clock,
                    new Authenticator(db),
                    spec,
                    catalogue,
                    fit,
                    executor,
                    metrics,
                    forecasts,
                    leadership);
            var tls = o.tlsCert() == null ? null : io.ultrafleet.server.api.Tls.context(o.tlsCert(), o.tlsKey());
            api = new ApiServer(context, o.host(), o.port(), o.requestsPerSecond(), o.version(), tls);
        } catch (RuntimeException e) {
            if (forecasts != null) {
                forecasts.close();
            }
            writer.close();
            loop.close();
            leadership.close();
            throw e;
        }
        String scheme = o.tlsCert() == null ? "http" : "https";
        try {
            leadership.start(
                    o.advertiseUrl() != null ? o.advertiseUrl() : scheme + "://" + o.host() + ":" + api.port());
        } catch (RuntimeException e) {
            api.close();
            writer.close();
            loop.close();
            leadership.close();
            throw new StartupException("cannot take part in leadership: " + Database.rootMessage(e), e);
        }
        var view = loop.view();
        long gpus = view.fleet().stream().mapToLong(c -> c.gpusOnline()).sum();
        long racks = view.fleet().stream().mapToLong(c -> c.racksOnline()).sum();
        LOG.info("listening on {}://{}:{}/", o.tlsCert() == null ? "http" : "https", o.host(), api.port());
        LOG.info(
                "database: {}",
                o.dbUrl() == null
                        ? "embedded (H2) in " + o.dataDir().toAbsolutePath()
                        : "PostgreSQL at " + o.dbUrl().replaceAll("(?i)(password=)[^&;]*", "$1***"));
        LOG.info(
                "fleet: {} GPUs in {} racks online at {} (server clock, x{} wall time); scenario {}",
                String.format("%,d", gpus),
                String.format("%,d", racks),
                Times.format(spec.startMs() + clock.now()),
                o.timeScale(),
                spec.name());
        LOG.info("{}", tokenWhere);
        LOG.info("the scenario's workload sections (training, inference, agents) are not run by serve: submit jobs"
                + " to the API, or feed a scenario's jobs with 'ultrafleet load'");
        if (spec.scheduler().cycleIntervalMs() > 0) {
            LOG.info(
                    "scheduler.cycleInterval ({}) sets the twin's pace: serve runs a scheduling cycle as soon as"
                            + " something changes (its forecasts too)",
                    io.ultrafleet.spec.Durations.format(spec.scheduler().cycleIntervalMs()));
        }
        if (db.kind() == Database.Kind.POSTGRESQL) {
            LOG.info(
                    "{}: several servers may share this database; one leads, the others stand by (lease {} ms)",
                    leadership.leads() ? "leading" : "standing by",
                    o.leaseMs());
        }
        return new Server(db, leadership, loop, writer, api, clock, spec, forecasts);
    }

    /** The sites' facts the reader gives, or null; says in the log how sites are chosen. */
    private static PlacementFacts siteFacts(SiteFactsReader reader, String source, String text, ScenarioSpec spec) {
        PlacementSpec placement = spec.scheduler().placement();
        PlacementFacts facts = null;
        if (reader != null) {
            try {
                facts = reader.read(source, text);
            } catch (IllegalArgumentException e) {
                throw new StartupException("placement: " + e.getMessage(), e);
            }
        }
        boolean ranked = !placement.policy().equals(SiteRankings.TOPOLOGY);
        if (ranked || placement.capped()) {
            LOG.info(
                    "placement: sites ranked by {}{}{}",
                    placement.policy(),
                    placement.capped()
                            ? String.format(
                                    ", at most %.0f %% of a class's %s at one provider",
                                    placement.maxShare() * 100, placement.bySpend() ? "spend" : "GPUs")
                            : "",
                    facts == null && (ranked || placement.bySpend())
                            ? " (this server was not given the scenario's prices and carbon: every site ranks alike)"
                            : "");
        }
        return facts;
    }

    private static Forecasting openForecasting(Forecasting.Factory factory, String source, String scenarioText) {
        try {
            return factory.open(source, scenarioText);
        } catch (IllegalArgumentException e) {
            throw new StartupException("forecasts: " + e.getMessage(), e);
        }
    }

    private static ScenarioReader.Read read(HardwareCatalogue catalogue, String source, String text) {
        try {
            return new ScenarioReader(catalogue).read(source, new StringReader(text));
        } catch (ScenarioException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /**
     * The Slurm clusters to dispatch to, from the {@code executor} section of the file given on this start (so that
     * renewed tokens and URLs apply), or null for the virtual executor. Its sites must be the stored fleet's.
     */
    private static SlurmSettings slurmSettings(ScenarioReader.Read given, ScenarioReader.Read stored) {
        var section = given.document().optional("executor");
        if (section.isEmpty()) {
            return null;
        }
        try {
            return SlurmSettings.read(section.get(), stored.siteNames());
        } catch (ScenarioException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /**
     * Checks what the given scenario and flags can be checked against before a database is made or opened (its
     * executor section, {@code --start}), so that a start refused for them leaves no new database behind. A database
     * that holds a scenario already keeps it; the given one must still be right on its own. Answers the given scenario
     * as read, which the start goes on with.
     */
    private static ScenarioReader.Read checkGiven(ServerOptions o) {
        ScenarioReader.Read given = read(HardwareCatalogue.builtIn(), o.scenarioSource(), o.scenarioText());
        slurmSettings(given, given);
        StoredStart.startTime(o.start(), given.spec(), System.currentTimeMillis());
        return given;
    }

    public int port() {
        return api.port();
    }

    public ServerClock clock() {
        return clock;
    }

    public ScenarioSpec spec() {
        return spec;
    }

    /** This server's name in the leader's lease: unique among servers on one database. */
    private static String holder(ServerOptions o) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Stops taking requests, lets the loop finish its turn, gives the lease up (a standby takes over at once), and
     * closes the database.
     */
    @Override
    public void close() {
        api.close();
        if (forecasts != null) {
            forecasts.close();
        }
        writer.close();
        loop.close();
        leadership.close();
        db.close();
    }
}
