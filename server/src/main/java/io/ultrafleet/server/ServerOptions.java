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
        Path tlsKey) {
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
