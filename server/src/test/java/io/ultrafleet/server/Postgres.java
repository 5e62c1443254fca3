package io.ultrafleet.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** A PostgreSQL server of a test's own: the binaries come with the test dependencies, nothing is installed. */
final class Postgres {
    private Postgres() {}

    /** Starts one on a free port, its output in {@code log}. */
    static EmbeddedPostgres start(Path log) {
        try {
            return EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("PostgreSQL did not start; its output:\n" + ChildServer.tail(log), e);
        }
    }
}
