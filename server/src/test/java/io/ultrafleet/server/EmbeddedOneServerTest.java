package io.ultrafleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database belongs to one server: a second one on the same data folder is refused, in plain words. */
class EmbeddedOneServerTest {
    @TempDir
    Path data;

    @Test
    void aSecondServerOnTheSameDataFolderIsRefused() throws Exception {
        Path log = data.resolve("first.log");
        try (ChildServer first = ChildServer.start(data.resolve("data"), "small.yaml", 1, null, log)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(
                            () -> Server.start(LocalServer.options("small.yaml", data.resolve("data"), null, 1, 100)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("the data folder")
                    .hasMessageContaining("another Ultrafleet server is using it")
                    .hasMessageNotContaining("Exception");
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse").isLessThan(30);
            assertThat(Http.at(first.port()).get("/readyz").send().status())
                    .as("the first server, after the refusal")
                    .isEqualTo(200);
        }
    }
}
