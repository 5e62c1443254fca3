package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ultrafleet backtest} on a small busy cluster: the JSON the issue names, and the table. */
class BacktestCommandTest {
    private static final String LAB = """
            apiVersion: ultrafleet/v1
            name: tiny-lab
            start: 2026-03-02
            horizon: 2026-03-12
            seed: 3
            fleet:
              providers: [{name: p, regions: [{name: r, sites: [{name: s, racksPerBlock: 4}]}]}]
              deliveries: [{site: s, model: h100-hgx8, racks: 8, start: 2026-03-02}]
            tenants:
              - name: lab
                queues: [{name: research, priorityClass: research}]
            training:
              generators:
                - name: research
                  queue: lab/research
                  arrivals: {perDay: 30}
                  gpus: {dist: choice, values: [8, 16, 32]}
                  duration: {dist: lognormal, median: 3h, sigma: 0.5}
                  estimateFactor: 2
            """;

    @TempDir
    Path tmp;

    private String[] args(String... more) throws IOException {
        Path file = tmp.resolve("lab.yaml");
        Files.writeString(file, LAB);
        String[] base = {"backtest", file.toString(), "--at", "2026-03-05", "--days", "2", "--jobs", "6"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void jsonNamesTheJobsAndBothErrorsAndNothingElseIsOnStdout() throws IOException {
        CliTest.Outcome o = CliTest.run(args("--replications", "4", "--json"));
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertThat(j.get("scenario").asText()).isEqualTo("tiny-lab");
        assertThat(j.get("jobs").asInt()).isEqualTo(6);
        assertThat(j.get("replications").asInt()).isEqualTo(4);
        assertThat(j.at("/ultrafleet/median_abs_error_h").isNumber()).isTrue();
        assertThat(j.at("/ultrafleet/p90_abs_error_h").isNumber()).isTrue();
        assertThat(j.at("/ultrafleet/p10_p90_coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.at("/slurm_style/median_abs_error_h").isNumber()).isTrue();
        assertThat(j.at("/slurm_style/p90_abs_error_h").isNumber()).isTrue();
        assertThat(j.get("forecasts")).hasSize(6);
        assertThat(o.err()).contains("back-tested 6 jobs");
        // the same back-test prints the same bytes
        assertThat(CliTest.run(args("--replications", "4", "--json")).out()).isEqualTo(o.out());
    }

    @Test
    void theTablePutsUltrafleetBesideTheSlurmStyleEstimate() throws IOException {
        CliTest.Outcome o = CliTest.run(args("--replications", "2", "--demand", "1.5"));
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("Back-test of tiny-lab-demand-x1p5, seed 3")
                .contains("Ultrafleet forecast")
                .contains("Slurm-style estimate")
                .contains("starts in p10-p90");
    }
}
