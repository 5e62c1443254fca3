package io.ultrafleet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of {@code bench slurm} that need no lab: its workload and how a side's figures are counted. */
class SlurmBenchmarkTest {
    @Test
    void theWorkloadMixesRacksTwoRacksAndBlocksAtTheAimedLoad() {
        List<SlurmBenchmark.Job> w = SlurmBenchmark.workload(2_000, 1);
        assertThat(SlurmBenchmark.workload(2_000, 1)).isEqualTo(w);
        long racks = w.stream().filter(j -> j.nodes() == 4).count();
        long two = w.stream().filter(j -> j.nodes() == 8).count();
        long blocks = w.stream().filter(j -> j.nodes() == 16).count();
        assertThat(racks + two + blocks).isEqualTo(w.size());
        assertThat(racks / 2000.0).isCloseTo(0.5, within(0.04));
        assertThat(blocks / 2000.0).isCloseTo(0.2, within(0.04));
        assertThat(w).allMatch(j -> j.runS() >= 5 && j.runS() <= 15);
        double nodeSeconds = w.stream().mapToDouble(j -> j.nodes() * j.runS()).sum();
        double span = w.get(w.size() - 1).arrivalS();
        assertThat(nodeSeconds / (span * 32)).isCloseTo(SlurmBenchmark.LOAD, within(0.06));
    }

    @Test
    void aGangCountsAsInOneBlockOnlyWhenAllItsNodesAre() {
        List<SlurmBenchmark.Job> w = List.of(
                new SlurmBenchmark.Job(0, 16, 5), new SlurmBenchmark.Job(1, 16, 5), new SlurmBenchmark.Job(2, 4, 5));
        Map<String, String> block = Map.of("a", "b1", "b", "b1", "c", "b2");
        SlurmBenchmark.Side s = SlurmBenchmark.summarize(
                w,
                new double[] {0.5, 3.0, 1.0},
                List.of(List.of("a", "b"), List.of("b", "c"), List.of("c")),
                block::get);
        assertThat(s.inOneBlockPct()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(s.blockSizedInOneBlockPct()).isEqualTo(50.0);
        assertThat(s.p50S()).isEqualTo(1.0);
        assertThat(s.p99S()).isEqualTo(3.0);
    }
}
