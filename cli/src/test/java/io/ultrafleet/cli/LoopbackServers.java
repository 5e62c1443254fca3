package io.ultrafleet.cli;

import io.ultrafleet.server.ServerOptions;
import java.nio.file.Path;

/** The options of a test's server: on loopback, a free port, the embedded database, a generous rate limit. */
final class LoopbackServers {
    private LoopbackServers() {}

    static ServerOptions options(String source, String text, Path data, double timeScale, String adminToken) {
        return new ServerOptions(
                source, text, data, null, null, null, "127.0.0.1", 0, null, timeScale, adminToken, 1e6, "test");
    }
}
