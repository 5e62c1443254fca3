package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} on a port another program holds: one line in the flags' words, and the data folder free again. */
class ServeListenTest {
    @TempDir
    Path tmp;

    @Test
    void aPortInUseIsRefusedByItsFlagAndLeavesTheDataFolderFree() throws Exception {
        String data = tmp.resolve("data").toString();
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            long t0 = System.nanoTime();
            CliTest.Outcome o =
                    CliTest.run("serve", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--data", data);
            assertThat(o.code()).as(o.err()).isEqualTo(2);
            assertThat(o.err().strip())
                    .isEqualTo("error: cannot listen on 127.0.0.1:" + port
                            + ": another program listens on that port (give another --port, or 0 for a free one)");
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse").isLessThan(30);
        }
        // the refused start let go of its database: the next one, on a free port, gets as far as listening
        CliTest.Outcome again = CliTest.run("serve", "--bind", "192.0.2.1", "--port", "0", "--data", data);
        assertThat(again.err()).contains("cannot listen on 192.0.2.1:0").doesNotContain("another Ultrafleet server");
    }
}
