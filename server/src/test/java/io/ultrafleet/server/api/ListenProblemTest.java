package io.ultrafleet.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** Why the server cannot listen where it was told, in the words of its flags ({@code --bind}, {@code --port}). */
class ListenProblemTest {
    @Test
    void eachCauseTheNetworkGivesIsSaidInTheFlagsWords() {
        assertThat(ApiServer.listenProblem(new RuntimeException("bind", new BindException("Permission denied"))))
                .isEqualTo("permission denied (ports below 1024 need privileges: give a --port from 1024)");
        assertThat(ApiServer.listenProblem(new BindException("Cannot assign requested address")))
                .startsWith("--bind is not an address of this machine");
        assertThat(ApiServer.listenProblem(new RuntimeException(new UnresolvedAddressException())))
                .startsWith("--bind names no address this machine can resolve");
        assertThat(ApiServer.listenProblem(new RuntimeException((String) null))).isEqualTo("the network refused it");
    }
}
