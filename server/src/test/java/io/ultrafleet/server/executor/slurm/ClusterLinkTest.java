package io.ultrafleet.server.executor.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster whose slurmrestd does not answer is asked again once a poll interval, with commands waiting or not. With
 * a command waiting (one it cannot carry out before the cluster answers), the link once asked again at once, round
 * after round: a core busy and a stream of connections to the cluster for as long as it was down.
 */
class ClusterLinkTest {
    private static final long POLL_MS = 200;

    @Test
    @Timeout(60)
    void anUnreachableClusterIsAskedOncePerPollIntervalWhileCommandsWait() throws Exception {
        // a "slurmrestd" that takes each connection and closes it at once: every request fails, quickly
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!refusing.isClosed()) {
                    try (Socket s = refusing.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        // closed at the end of the test
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SlurmSettings.Cluster cluster = new SlurmSettings.Cluster(
                    "down",
                    "east",
                    URI.create("http://127.0.0.1:" + refusing.getLocalPort()),
                    List.of(),
                    "gpu",
                    "ultrafleet",
                    "token",
                    2);
            SlurmSettings settings = new SlurmSettings(List.of(cluster), "USR1", 30_000, 600_000, POLL_MS);
            try (ClusterLink link = new ClusterLink(cluster, settings, "test", () -> 0L, 1.0)) {
                link.begin();
                link.arm();
                assertThat(link.reachable()).isFalse();
                link.send(new ClusterLink.Stop(7)); // waits for a round whose listing succeeds
                TimeUnit.MILLISECONDS.sleep(500);
                int before = connections.get();
                TimeUnit.SECONDS.sleep(2);
                int asked = connections.get() - before;
                // one round every 200 ms for 2 s is 10, each a connection or two; a link that does not wait makes
                // hundreds
                assertThat(asked)
                        .as("connections to the unreachable cluster in 2 s")
                        .isBetween(1, 40);
                assertThat(link.reachable()).isFalse();
            }
        }
    }
}
