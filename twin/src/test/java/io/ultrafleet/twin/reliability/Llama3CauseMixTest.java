package io.ultrafleet.twin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ultrafleet.twin.testdata.ProjectData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Llama3CauseMixTest {
    private static final String CSV = "llama3-interruptions/llama3_405b_interruptions_54d.csv";

    @Test
    void countsSumTo419AndSharesToOne() {
        assertThat(Llama3CauseMix.rows()).hasSize(18);
        assertThat(Llama3CauseMix.rows().stream()
                        .mapToInt(Llama3CauseMix.Row::count)
                        .sum())
                .isEqualTo(419);
        assertThat(Llama3CauseMix.causes().stream()
                        .mapToDouble(FailureCause::share)
                        .sum())
                .isCloseTo(1.0, within(1e-12));
        assertThat(Llama3CauseMix.share(Llama3CauseMix.causes().get(0).componentClass()))
                .isCloseTo(148.0 / 419 + 6.0 / 419 + 6.0 / 419, within(1e-12));
    }

    @Test
    void gpuClassShareIs268Of419() {
        assertThat(Llama3CauseMix.gpuShare()).isCloseTo(268.0 / 419, within(1e-12));
        double byClass = Llama3CauseMix.share(ComponentClass.GPU)
                + Llama3CauseMix.share(ComponentClass.HBM)
                + Llama3CauseMix.share(ComponentClass.GPU_SRAM_GSP);
        assertThat(byClass).isCloseTo(268.0 / 419, within(1e-12));
    }

    @Test
    void blastRadiiFollowTheStatedMapping() {
        assertThat(Llama3CauseMix.share(BlastRadius.JOB_ONLY)).isCloseTo((54 + 7 + 2) / 419.0, within(1e-12));
        assertThat(Llama3CauseMix.share(BlastRadius.NETWORK)).isCloseTo(35 / 419.0, within(1e-12));
        assertThat(Llama3CauseMix.share(BlastRadius.RACK)).isZero();
        assertThat(Llama3CauseMix.share(BlastRadius.TRAY)).isCloseTo((419 - 63 - 35) / 419.0, within(1e-12));
        assertThat(Llama3CauseMix.share(ComponentClass.NVLINK_SWITCH_TRAY)).isZero();
        assertThat(ComponentClass.NVLINK_SWITCH_TRAY.defaultBlastRadius()).isEqualTo(BlastRadius.RACK);
        for (Llama3CauseMix.Row r : Llama3CauseMix.rows()) {
            assertThat(r.blastRadius()).isEqualTo(r.componentClass().defaultBlastRadius());
            assertThat(r.componentClass().isGpu())
                    .as("GPU class of %s", r.name())
                    .isEqualTo(r.category().equals("GPU"));
        }
    }

    @Test
    void everyPublishedRowIsPresent() {
        List<String> names = List.of(
                "Faulty GPU",
                "GPU HBM3 Memory",
                "Software Bug",
                "Network Switch/Cable",
                "Host Maintenance",
                "GPU SRAM Memory",
                "GPU System Processor",
                "NIC",
                "NCCL Watchdog Timeouts",
                "Silent Data Corruption",
                "GPU Thermal Interface + Sensor",
                "SSD",
                "Power Supply",
                "Server Chassis",
                "IO Expansion Board",
                "Dependency",
                "CPU",
                "System Memory");
        assertThat(Llama3CauseMix.rows()).extracting(Llama3CauseMix.Row::name).containsExactlyElementsOf(names);
        assertThat(Llama3CauseMix.count("Faulty GPU")).isEqualTo(148);
        assertThatThrownBy(() -> Llama3CauseMix.count("Cosmic Ray")).hasMessageContaining("Cosmic Ray");
    }

    @Test
    void builtInCountsEqualThePublishedTable() throws IOException {
        Path csv = ProjectData.require(CSV);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("component,category,interruption_count,pct_as_published");
        Map<String, String[]> fromCsv = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            assertThat(f).as("CSV row %s", line).hasSize(4);
            fromCsv.put(f[0], f);
        }
        assertThat(fromCsv.keySet())
                .containsExactlyElementsOf(Llama3CauseMix.rows().stream()
                        .map(Llama3CauseMix.Row::name)
                        .toList());
        for (Llama3CauseMix.Row r : Llama3CauseMix.rows()) {
            String[] f = fromCsv.get(r.name());
            assertThat(Integer.parseInt(f[2])).as("count of %s", r.name()).isEqualTo(r.count());
            assertThat(f[1]).as("category of %s", r.name()).isEqualTo(r.category());
        }
    }

    @Test
    void sampleFollowsTheCounts() {
        SplittableRandom rng = new SplittableRandom(7);
        Map<ComponentClass, Integer> seen = new EnumMap<>(ComponentClass.class);
        int n = 419_000;
        for (int i = 0; i < n; i++) {
            seen.merge(Llama3CauseMix.sample(rng).componentClass(), 1, Integer::sum);
        }
        for (ComponentClass c : ComponentClass.values()) {
            double p = Llama3CauseMix.share(c);
            double se = Math.sqrt(p * (1 - p) / n);
            assertThat(seen.getOrDefault(c, 0) / (double) n)
                    .as("share of %s", c)
                    .isCloseTo(p, within(5 * se + 1e-9));
        }
    }

    @Test
    void failureCauseRejectsBadShares() {
        assertThatThrownBy(() -> new FailureCause("x", ComponentClass.GPU, BlastRadius.TRAY, 1.5))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new FailureCause(" ", ComponentClass.GPU, BlastRadius.TRAY, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
