package io.ultrafleet.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** A PostgreSQL server of a test's own: the binaries come with the test dependencies, nothing is installed. */
public final class Postgres {
    private Postgres() {}

    /** Starts one on a free port, its output in {@code log}. */
    public static EmbeddedPostgres start(Path log) {
        return start(log, null, 0);
    }

    /**
     * Starts one with its data in {@code data} (kept when it stops, so that it can start again on it; null for a
     * folder of its own that goes with it) on {@code port} (0 for a free one), its output in {@code log}.
     */
    static EmbeddedPostgres start(Path log, Path data, int port) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (data != null) {
                b.setDataDirectory(data).setCleanDataDirectory(false);
            }
            if (port > 0) {
                b.setPort(port);
            }
            return b.start();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("PostgreSQL did not start; its output:\n" + ChildServer.tail(log), e);
        }
    }
}
