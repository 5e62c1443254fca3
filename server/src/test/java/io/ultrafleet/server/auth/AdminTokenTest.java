package io.ultrafleet.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers started together on one PostgreSQL: each finds no admin row and inserts it. The one whose insert comes
 * second once ended with an internal error (a duplicate key), and so did not start.
 */
class AdminTokenTest {
    private static final String TOKEN = "a-shared-admin-token-0123456789abcdef";

    @Test
    @Timeout(120)
    void aServerThatInsertsTheAdminRowSecondSetsItInstead(@TempDir Path dir) throws Exception {
        java.io.File log = dir.resolve("postgres.log").toFile();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .start();
                Database db = Database.postgres(pg.getJdbcUrl("postgres", "postgres"), "postgres", null)) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                CountDownLatch inserted = new CountDownLatch(1);
                // the first server's transaction: the admin row inserted, not yet committed
                Future<?> first = pool.submit(() -> db.inTransaction(h -> {
                    Tokens.insert(h, "admin", null, TokenHash.of(TOKEN), 0);
                    inserted.countDown();
                    TimeUnit.MILLISECONDS.sleep(1_000);
                    return null;
                }));
                assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
                // the second finds no committed row, and its insert waits for the first, then collides with it
                String said = AdminToken.ensure(db, TOKEN, dir.resolve("data"), 0);
                first.get(30, TimeUnit.SECONDS);
                assertThat(said).contains("ULTRAFLEET_ADMIN_TOKEN");
                assertThat(db.withHandle(Tokens::hasAdmin)).isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
