package io.ultrafleet.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.server.StartupException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server does not start on a database that a newer server migrated past what it knows (an operator rolling back a
 * release): it says so, naming the versions, and changes nothing; the database opens again once the newer migration
 * is gone (a backup from before it).
 */
class NewerSchemaTest {
    @TempDir
    Path tmp;

    @Test
    void aDatabaseMigratedByANewerServerIsRefusedNamingBothVersions() {
        Path data = tmp.resolve("data");
        try (Database db = Database.embedded(data)) {
            db.withHandle(h -> h.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\","
                    + " \"execution_time\", \"success\") VALUES (1000, '1000', 'from a later release', 'SQL',"
                    + " 'V1000__later.sql', 1, 'sa', CURRENT_TIMESTAMP, 1, TRUE)"));
        }
        assertThatThrownBy(() -> Database.embedded(data))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("the data folder " + data + " was migrated by a newer Ultrafleet (its schema is"
                        + " at version 1000, \"from a later release\"; this server knows up to version ")
                .hasMessageEndingWith(
                        "): run that version or a later one, or restore a backup taken before the" + " upgrade");

        // what a backup from before the newer release holds: the database opens, migrated as far as this server knows
        try (Database db = openWithoutTheLaterMigration(data)) {
            int jobs = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs")
                    .mapTo(Integer.class)
                    .one());
            assertThat(jobs).isZero();
        }
    }

    private static Database openWithoutTheLaterMigration(Path data) {
        // the refusal left the database as it was: remove the later row directly, then open as a server would
        try (var c = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + data.toAbsolutePath().resolve("ultrafleet"), "sa", "");
                var st = c.createStatement()) {
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '1000'");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return Database.embedded(data);
    }
}
