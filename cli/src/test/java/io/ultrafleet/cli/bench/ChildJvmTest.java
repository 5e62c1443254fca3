package io.ultrafleet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Benchmark JVMs get the launcher's collector and young-generation cap, unless their options choose otherwise. */
class ChildJvmTest {
    @Test
    void theLauncherOptionsComeFirstUnlessTheCallerChoosesItsOwn() {
        assertThat(ChildJvm.withLauncherOptions(List.of()))
                .containsExactly("-XX:+UseParallelGC", "-XX:MaxNewSize=256m");
        assertThat(ChildJvm.withLauncherOptions(List.of("-XX:+UseG1GC")))
                .containsExactly("-XX:MaxNewSize=256m", "-XX:+UseG1GC");
        assertThat(ChildJvm.withLauncherOptions(List.of("-Xmx512m"))).containsExactly("-XX:+UseParallelGC", "-Xmx512m");
        assertThat(ChildJvm.withLauncherOptions(List.of("-XX:NewSize=64m", "-XX:+UseSerialGC")))
                .containsExactly("-XX:NewSize=64m", "-XX:+UseSerialGC");
    }
}
