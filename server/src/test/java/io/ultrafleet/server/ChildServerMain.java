package io.ultrafleet.server;

import java.nio.file.Path;

/**
 * A server in a JVM of its own, as {@code ultrafleet serve} runs it, for tests that kill it: {@code DATA_DIR SCENARIO
 * TIME_SCALE [JDBC_URL]}. The admin token comes from {@code ULTRAFLEET_ADMIN_TOKEN}. It prints {@code PORT N} once it
 * listens, then serves until it is killed.
 */
public final class ChildServerMain {
    private ChildServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args[0]);
        String scenario = args[1];
        double scale = Double.parseDouble(args[2]);
        String db = args.length > 3 ? args[3] : null;
        ServerOptions o = LocalServer.options(scenario, data, db, scale, 50_000);
        Server server = Server.start(
                new ServerOptions(
                        o.scenarioSource(),
                        o.scenarioText(),
                        o.dataDir(),
                        o.dbUrl(),
                        o.dbUser(),
                        o.dbPassword(),
                        o.host(),
                        o.port(),
                        o.start(),
                        o.timeScale(),
                        System.getenv("ULTRAFLEET_ADMIN_TOKEN"),
                        o.requestsPerSecond(),
                        o.version(),
                        null,
                        null,
                        Long.parseLong(System.getenv().getOrDefault("ULTRAFLEET_LEASE_MS", "3000")),
                        null),
                HourAheadForecasting.factory());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
