package io.ultrafleet.server;

import java.nio.file.Path;

/**
 * How to start a server.
 *
 * @param scenarioSource what the scenario is called in messages (a path or {@code builtin:NAME})
 * @param scenarioText the scenario, used on the first start only: after that the database holds the truth
 * @param dataDir the embedded database's folder (and the admin token's, when the environment gives none)
 * @param dbUrl a PostgreSQL JDBC URL, or null for the embedded database
 * @param start the server clock's start on the first start: null for the scenario's start, {@code now}, or a date
 * @param timeScale virtual milliseconds per wall millisecond
 * @param adminToken {@code ULTRAFLEET_ADMIN_TOKEN}, or null
 * @param requestsPerSecond each caller's request rate before 429
 * @param tlsCert a PEM certificate chain to serve HTTPS with, or null for plain HTTP
 * @param tlsKey its PEM (PKCS#8) private key
 * @param leaseMs with PostgreSQL, how long the leader's lease lasts without renewal: a standby takes over within
 *     about this when the leader dies
 * @param advertiseUrl the address other servers give clients for this one while it leads; null for its own
 *     {@code http(s)://host:port}
 * @param maxLiveJobs the most queued and running jobs the server takes; 0 for as many as its heap holds
 * @param maxLiveJobsPerTenant the most of one tenant; 0 for no limit but the server's
 */
public record ServerOptions(
        String scenarioSource,
        String scenarioText,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String host,
        int port,
        String start,
        double timeScale,
        String adminToken,
        double requestsPerSecond,
        String version,
        Path tlsCert,
        Path tlsKey,
        long leaseMs,
        String advertiseUrl,
        long maxLiveJobs,
        long maxLiveJobsPerTenant) {
    /** The lease's length unless told otherwise: a standby takes over within about 3.5 s of the leader's death. */
    public static final long DEFAULT_LEASE_MS = 3_000;

    /** Options without limits on live jobs but the heap's. */
    public ServerOptions(
            String scenarioSource,
            String scenarioText,
            Path dataDir,
            String dbUrl,
            String dbUser,
            String dbPassword,
            String host,
            int port,
            String start,
            double timeScale,
            String adminToken,
            double requestsPerSecond,
            String version,
            Path tlsCert,
            Path tlsKey,
            long leaseMs,
            String advertiseUrl) {
        this(
                scenarioSource,
                scenarioText,
                dataDir,
                dbUrl,
                dbUser,
                dbPassword,
                host,
                port,
                start,
                timeScale,
                adminToken,
                requestsPerSecond,
                version,
                tlsCert,
                tlsKey,
                leaseMs,
                advertiseUrl,
                0,
                0);
    }

    /** Options with the default lease and address. */
    public ServerOptions(
            String scenarioSource,
            String scenarioText,
            Path dataDir,
            String dbUrl,
            String dbUser,
            String dbPassword,
            String host,
            int port,
            String start,
            double timeScale,
            String adminToken,
            double requestsPerSecond,
            String version,
            Path tlsCert,
            Path tlsKey) {
        this(
                scenarioSource,
                scenarioText,
                dataDir,
                dbUrl,
                dbUser,
                dbPassword,
                host,
                port,
                start,
                timeScale,
                adminToken,
                requestsPerSecond,
                version,
                tlsCert,
                tlsKey,
                DEFAULT_LEASE_MS,
                null);
    }

    /** Options without TLS. */
    public ServerOptions(
            String scenarioSource,
            String scenarioText,
            Path dataDir,
            String dbUrl,
            String dbUser,
            String dbPassword,
            String host,
            int port,
            String start,
            double timeScale,
            String adminToken,
            double requestsPerSecond,
            String version) {
        this(
                scenarioSource,
                scenarioText,
                dataDir,
                dbUrl,
                dbUser,
                dbPassword,
                host,
                port,
                start,
                timeScale,
                adminToken,
                requestsPerSecond,
                version,
                null,
                null);
    }
}
