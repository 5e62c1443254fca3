package io.ultrafleet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bench serve} at a small size, for real (a server in a JVM of its own on the embedded database): every phase
 * runs and reports, the change of class re-ranks more waiting jobs than one turn writes, and nothing is left behind.
 * The figures themselves are the benchmark's to measure, not this test's.
 */
class ServeBenchmarkTest {
    @Test
    @Timeout(300)
    void everyPhaseRunsAndReportsAndNothingIsLeftBehind() throws Exception {
        Set<Path> before = leftovers();
        ServeBenchmark.Result r = new ServeBenchmark("h2", 16, 5_000, "1g", 0).run();
        assertThat(r.submitsPerS()).isPositive();
        assertThat(r.submitP99Ms()).isGreaterThanOrEqualTo(r.submitP50Ms()).isPositive();
        assertThat(r.startP99Ms()).isPositive();
        assertThat(r.serverPeakHeapMib()).isPositive();
        assertThat(r.getJobP99Ms()).as("measured from 100,000 jobs on").isNull();
        assertThat(r.restart().jobsStored())
                .as("the warm-up's jobs, the starts' probes and the measured jobs")
                .isEqualTo(2_000 + 200 + 5_000);
        assertThat(r.restart().firstStartS())
                .isGreaterThanOrEqualTo(r.restart().listeningS())
                .isPositive();
        // the change of class: more waiting jobs than one turn writes, all of them written
        assertThat(r.reclass().waitingJobs())
                .isGreaterThan(2 * 2_000L)
                .isLessThan(r.restart().jobsStored());
        assertThat(r.reclass().answerS()).isPositive();
        assertThat(r.reclass().writtenS()).isNotNegative();
        assertThat(r.reclass().longestCommitS()).isPositive();
        assertThat(r.standby()).as("a standby needs PostgreSQL").isNull();
        assertThat(leftovers())
                .as("temporary folders of the benchmark left behind")
                .isSubsetOf(before);
    }

    private static Set<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("ultrafleet-bench-s"))
                    .collect(Collectors.toSet());
        }
    }
}
