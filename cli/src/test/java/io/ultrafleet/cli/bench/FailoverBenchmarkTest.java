package io.ultrafleet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FailoverBenchmarkTest {
    /** One round for real: three servers, one kill; nothing lost or held twice, and nothing left behind. */
    @Test
    @Timeout(300)
    void oneRoundLosesNothingAndLeavesNothingBehind() throws Exception {
        Set<Path> before = leftovers();
        FailoverBenchmark.Result r = new FailoverBenchmark(1, 25, 0).run();
        assertThat(r.rounds()).isEqualTo(1);
        assertThat(r.acknowledged()).isGreaterThanOrEqualTo(FailoverBenchmark.PER_ROUND);
        assertThat(r.lost())
                .as("acknowledged submissions missing from the database")
                .isZero();
        assertThat(r.duplicated()).as("acknowledged submissions stored twice").isZero();
        assertThat(r.doubleAllocatedRacks())
                .as("units held twice or by a job not running")
                .isZero();
        assertThat(r.takeoverP50S())
                .as("seconds from the kill to the next leader: at least most of the lease, and bounded")
                .isGreaterThan(FailoverBenchmark.LEASE_S * 0.5)
                .isLessThan(60);
        assertThat(r.soakMinutes()).isNull();
        assertThat(leftovers())
                .as("temporary folders of the benchmark left behind")
                .isSubsetOf(before);
    }

    @Test
    void slopeIsTheLeastSquaresFit() {
        assertThat(FailoverBenchmark.slope(List.of(new double[] {0, 1}, new double[] {1, 3}, new double[] {2, 5})))
                .isCloseTo(2.0, within(1e-9));
        assertThat(FailoverBenchmark.slope(List.of(new double[] {0, 4}, new double[] {1, 2}, new double[] {2, 4})))
                .isCloseTo(0.0, within(1e-9));
        assertThat(FailoverBenchmark.slope(List.of(new double[] {0, 4}))).isZero();
    }

    @Test
    void percentilesAreNearestRank() {
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(FailoverBenchmark.percentile(ten, 0.50)).isEqualTo(5);
        assertThat(FailoverBenchmark.percentile(ten, 0.99)).isEqualTo(10);
        assertThat(FailoverBenchmark.percentile(new double[] {3.2}, 0.99)).isEqualTo(3.2);
    }

    private static Set<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("ultrafleet-bench-failover-"))
                    .collect(Collectors.toSet());
        }
    }
}
