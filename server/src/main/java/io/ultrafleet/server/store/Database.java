package io.ultrafleet.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ultrafleet.server.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's database: H2 in a data folder (the default, nothing to install) or PostgreSQL, with one set of Flyway
 * migrations for both, a HikariCP pool and Jdbi on top. Every change the server acknowledges is committed here first.
 */
public final class Database implements AutoCloseable {
    /** Which database it is; the few statements that differ ask. */
    public enum Kind {
        H2,
        POSTGRESQL
    }

    private final Kind kind;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final HikariConfig config;
    private HikariDataSource leasePool;

    private Database(Kind kind, HikariDataSource pool, HikariConfig config) {
        this.kind = kind;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.config = config;
    }

    /**
     * The embedded database in {@code dataDir}, created when new. H2 writes every commit to its file before the
     * commit returns (no write delay), so an acknowledged change survives a crash of the process; a second server on
     * the same folder is refused.
     */
    public static Database embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StartupException("--data: cannot create the data folder " + dataDir + " ("
                    + io.ultrafleet.spec.input.ErrorWords.of(e) + ")");
        }
        if (!Files.isWritable(dataDir)) {
            throw new StartupException("--data: cannot write in the data folder " + dataDir + " (permission denied)");
        }
        // Lazy query execution: rows are read as they are fetched, not all copied first into a result that goes to a
        // temporary file past 40,000 rows (a restart reads every queued job).
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ultrafleet")
                + ";WRITE_DELAY=0;FILE_LOCK=FILE;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=1";
        return open(Kind.H2, url, "sa", "", "the data folder " + dataDir);
    }

    /** A PostgreSQL database at {@code url} ({@code jdbc:postgresql://...}), migrated to the current schema. */
    public static Database postgres(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupException(
                    "--db: '" + url + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        String port = badPort(url);
        if (port != null) {
            // the driver would only log a warning and answer that it has no driver for the URL
            throw new StartupException("--db: '" + redact(url) + "' names port " + port
                    + ", allowed a port from 1 to 65535 (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        return open(Kind.POSTGRESQL, url, user, password, "the database at " + redact(url));
    }

    /** The first port of {@code url}'s hosts ({@code //HOST:PORT,HOST:PORT/...}) that no server can have, or null. */
    static String badPort(String url) {
        int hosts = url.indexOf("//");
        if (hosts < 0) {
            return null;
        }
        int end = url.indexOf('/', hosts + 2);
        String list = url.substring(hosts + 2, end < 0 ? url.length() : end);
        for (String host : list.split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon < 0 || host.endsWith("]")) {
                continue; // no port: the default
            }
            String p = host.substring(colon + 1);
            try {
                int n = Integer.parseInt(p);
                if (n >= 1 && n <= 65_535) {
                    continue;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            return "'" + p + "'";
        }
        return null;
    }

    private static Database open(Kind kind, String url, String user, String password, String what) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(5_000);
        config.setPoolName("ultrafleet-db");
        if (kind == Kind.POSTGRESQL) {
            // a connection cut off without a word (a partition) fails within this, instead of hanging on a read
            config.addDataSourceProperty("socketTimeout", "30");
            config.addDataSourceProperty("connectTimeout", "5");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open " + what + ": " + reason(e), e);
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load();
            refuseNewerSchema(flyway, what);
            flyway.migrate();
        } catch (StartupException e) {
            pool.close();
            throw e;
        } catch (FlywayException e) {
            pool.close();
            throw new StartupException("cannot bring " + what + " to the current schema: " + reason(e), e);
        }
        return new Database(kind, pool, config);
    }

    /**
     * Refuses a database that a newer server has migrated past what this one knows: the operator's guide says never to
     * run a server older than the database's newest migration, and the migration tool only warns. A server of the
     * previous version that was already running when a newer one migrated keeps running; this refuses its restart.
     */
    private static void refuseNewerSchema(Flyway flyway, String what) {
        org.flywaydb.core.api.MigrationInfo newest = null;
        String known = "none";
        for (org.flywaydb.core.api.MigrationInfo m : flyway.info().all()) {
            var state = m.getState();
            if (state == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
                    || state == org.flywaydb.core.api.MigrationState.FUTURE_FAILED) {
                newest = m;
            } else if (state.isResolved() && m.getVersion() != null) {
                known = m.getVersion().getVersion();
            }
        }
        if (newest != null) {
            throw new StartupException(what + " was migrated by a newer Ultrafleet (its schema is at version "
                    + newest.getVersion().getVersion() + ", \"" + newest.getDescription()
                    + "\"; this server knows up to"
                    + " version " + known + "): run that version or a later one, or restore a backup taken before the"
                    + " upgrade");
        }
    }

    /**
     * A pool of its own for the leader's lease, whose statements fail within {@code timeoutMs} (a connection that
     * cannot be had, or a read that does not come back), so that a renewal never waits longer than the lease lasts.
     */
    public synchronized Jdbi leaseJdbi(long timeoutMs) {
        if (leasePool == null) {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(config.getJdbcUrl());
            c.setUsername(config.getUsername());
            c.setPassword(config.getPassword());
            c.setPoolName("ultrafleet-lease");
            c.setMaximumPoolSize(2);
            c.setMinimumIdle(1);
            c.setConnectionTimeout(Math.max(250, timeoutMs));
            c.setValidationTimeout(Math.max(250, timeoutMs));
            c.setInitializationFailTimeout(-1);
            long seconds = Math.max(1, (timeoutMs + 999) / 1000);
            c.addDataSourceProperty("socketTimeout", Long.toString(seconds));
            c.addDataSourceProperty("connectTimeout", Long.toString(seconds));
            leasePool = new HikariDataSource(c);
        }
        return Jdbi.create(leasePool);
    }

    /** The first line of the deepest cause's message, which names what went wrong in the database's own words. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof java.net.UnknownHostException) {
            return "no host is named " + t.getMessage() + " (check the address)";
        }
        if (t instanceof java.net.ConnectException) {
            return "the connection was refused (is the database running, and listening at that address and port?)";
        }
        if (t instanceof java.net.SocketTimeoutException) {
            return "no answer in time (is the address right, and does the network let the connection through?)";
        }
        String m = t.getMessage() == null ? "it cannot be reached" : t.getMessage();
        if (m.contains("Database may be already in use") || m.contains("already in use")) {
            return "another Ultrafleet server is using it (one server per data folder; use PostgreSQL for several)";
        }
        if (t instanceof SQLException sql && "28P01".equals(sql.getSQLState())) {
            return "the user name or password was refused";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Whether {@code e} says the database cannot be reached (no connection could be had, or the connection broke),
     * rather than that it refused a statement.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code attempt}, a transaction of its own, again while it fails on a unique key that another server's
     * commit took since it looked (three times in all): a second look sees that row.
     */
    public static void retryOnUniqueViolation(Runnable attempt) {
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (RuntimeException e) {
                if (n >= 3 || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether {@code e} comes from a unique key that a row already had. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The first line of the deepest cause's message, for logs. */
    public static String rootMessage(Throwable e) {
        return reason(e);
    }

    /** The URL without a password in its query. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public Kind kind() {
        return kind;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} in one transaction and returns what it returns; it commits, or rolls back on an exception. */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    /**
     * Runs {@code work} in one read-only snapshot: every statement in it sees the database as of the first one, so
     * that reads of several tables agree even while another server commits (PostgreSQL's repeatable read).
     */
    public <R, X extends Exception> R inSnapshot(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, work);
    }

    /** Runs {@code work} on a handle outside any explicit transaction. */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    /** Whether the database answers now. */
    public boolean reachable() {
        try (Handle h = jdbi.open()) {
            return h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (leasePool != null) {
                leasePool.close();
            }
        }
        pool.close();
    }
}
