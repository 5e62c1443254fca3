package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultrafleet.spec.Times;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --start} sets the clock of a database's first start only. One that cannot be read, or that falls before the
 * scenario, is refused before a database is made or opened, on a first start and on any later one.
 */
class StartFlagTest {
    private static final long DAY_MS = 86_400_000L;

    @TempDir
    Path tmp;

    @Test
    void aStartThatCannotBeReadIsRefusedBeforeADatabaseIsMade() {
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> Server.start(options(data, "yesterday"), null))
                .isInstanceOf(StartupException.class)
                .hasMessage("--start: found 'yesterday', allowed now or " + Times.SYNTAX);
        assertThat(data).doesNotExist();
        // small.yaml starts on 2026-01-01
        assertThatThrownBy(() -> Server.start(options(data, "2025-12-31"), null))
                .isInstanceOf(StartupException.class)
                .hasMessage("--start: found 2025-12-31T00:00:00Z, allowed a time from the scenario's start"
                        + " (2026-01-01T00:00:00Z)");
        assertThat(data).doesNotExist();
    }

    @Test
    void aLaterStartOnAStartedDatabaseLeavesItsClockWhereItWas() {
        Path data = tmp.resolve("data");
        try (Server s = Server.start(options(data, "2026-03-01"), null)) {
            assertThat(s.clock().now()).isBetween(59 * DAY_MS, 59 * DAY_MS + 60_000);
        }
        // a bad --start is refused on a started database too, and the database is left as it was
        assertThatThrownBy(() -> Server.start(options(data, "soon"), null)).isInstanceOf(StartupException.class);
        try (Server s = Server.start(options(data, "2026-09-01"), null)) {
            assertThat(s.clock().now())
                    .as("the clock carries on from March; --start is for the first start only")
                    .isBetween(59 * DAY_MS, 59 * DAY_MS + 60_000);
        }
    }

    private static ServerOptions options(Path data, String start) {
        return LocalServer.options("small.yaml", data, null, start, 1, 1_000, 0, 0);
    }
}
