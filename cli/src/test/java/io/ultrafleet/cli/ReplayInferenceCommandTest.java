package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ultrafleet replay inference} end to end, in process, on small made-up traces. */
class ReplayInferenceCommandTest {
    static final List<String> METRICS = List.of(
            "throughput_tokens_per_s",
            "input_tokens_per_s",
            "output_tokens_per_s",
            "requests_served",
            "requests_shed",
            "p50_latency_s",
            "p99_latency_s",
            "mean_latency_s",
            "ttft_p50_s",
            "ttft_p99_s",
            "tpot_p50_s",
            "tpot_p99_s",
            "slo_attainment",
            "mean_batch");

    @TempDir
    Path tmp;

    Path azure;
    Path mooncake;

    @BeforeEach
    void traces() throws IOException {
        StringBuilder a = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            long ms = i * 1_000L + (i * 7919L) % 1_000;
            a.append(String.format(
                    "2023-11-16 18:%02d:%02d.%03d0000,%d,%d%n",
                    15 + ms / 60_000, ms / 1_000 % 60, ms % 1_000, 200 + (i * 37) % 2_000, 5 + (i * 13) % 300));
            m.append(String.format(
                    "{\"timestamp\": %d, \"input_length\": %d, \"output_length\": %d, \"hash_ids\": [%d, %d]}%n",
                    ms, 600 + (i * 37) % 2_000, 1 + (i * 13) % 200, i % 5, 1_000 + i));
        }
        azure = tmp.resolve("conv.csv");
        Files.writeString(azure, a);
        mooncake = tmp.resolve("trace.jsonl");
        Files.writeString(mooncake, m);
    }

    private static CliTest.Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of("replay", "inference"));
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(new String[0]));
    }

    /** Field names by depth, as {@code depth:name}, in document order. */
    private static List<String> keys(String json) throws IOException {
        List<String> path = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t;
            int depth = 0;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    path.add(depth + ":" + p.currentName());
                } else if (t == JsonToken.START_OBJECT) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT) {
                    depth--;
                }
            }
        }
        return path;
    }

    /** The scalar fields of the object {@code name} at the top level. */
    private static Map<String, String> section(String json, String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME
                        && p.currentName().equals(name)
                        && p.getParsingContext().getParent().inRoot()) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        out.put(key, p.getText());
                    }
                    return out;
                }
            }
        }
        return out;
    }

    @Test
    void jsonHasRequestLevelAndFlowWithTheSameKeys() throws IOException {
        CliTest.Outcome o = run("--trace", azure.toString(), "--format", "azure", "--replicas", "2", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        List<String> keys = keys(o.out());
        assertThat(keys)
                .startsWith("1:trace", "1:format", "1:profile", "1:replicas", "1:replicas_chosen", "1:gpus", "1:step_s")
                .contains(
                        "1:request_level",
                        "1:flow",
                        "1:agreement",
                        "2:throughput_ratio",
                        "2:slo_attainment_difference");
        Map<String, String> request = section(o.out(), "request_level");
        Map<String, String> flow = section(o.out(), "flow");
        assertThat(request.keySet()).containsExactlyElementsOf(METRICS);
        assertThat(flow.keySet()).containsExactlyElementsOf(METRICS);
        assertThat(Double.parseDouble(request.get("throughput_tokens_per_s"))).isPositive();
        assertThat(Double.parseDouble(flow.get("slo_attainment"))).isBetween(0.0, 1.0);
        assertThat(request.get("requests_served")).isEqualTo("600");
        assertThat(o.out())
                .contains("\"format\": \"azure\"")
                .contains("\"replicas\": 2")
                .contains("\"max_queue_wait_s\": null");
        assertThat(o.err()).startsWith("replayed 600 requests on 2 replicas in ");
        CliTest.Outcome again = run("--trace", azure.toString(), "--format", "azure", "--replicas", "2", "--json");
        assertThat(again.out()).as("the same inputs give the same bytes").isEqualTo(o.out());
    }

    @Test
    void printsATableAndChoosesTheReplicasWhenNotTold() {
        CliTest.Outcome o = run("--trace", mooncake.toString(), "--format", "mooncake");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("inference replay: " + mooncake + " (mooncake), 600 requests over 10.0 min")
                .contains("profile  llama405b-h200x8: Llama 3.1 405B (dense) on h200-hgx8")
                .contains("the fewest with the busiest step at most 70 % loaded")
                .contains("from the prefix cache")
                .contains("throughput (tok/s)")
                .contains("SLO attainment")
                .contains("agreement: flow/request-level throughput ");
        assertThat(o.out().lines().filter(l -> l.startsWith("latency p50 / p99 (s)")))
                .hasSize(1);
    }

    @Test
    void optionsChangeTheProfileTheSloAndTheOverloadPolicy() throws IOException {
        CliTest.Outcome o = run(
                "--trace",
                azure.toString(),
                "--format",
                "azure",
                "--replicas",
                "1",
                "--profile",
                "llama405b-h100x8",
                "--ttft-ms",
                "2000",
                "--tpot-ms",
                "60",
                "--step",
                "30",
                "--max-queue-wait",
                "20",
                "--json");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("\"profile\": \"llama405b-h100x8\"")
                .contains("\"ttft_s\": 2.000")
                .contains("\"tpot_s\": 0.060")
                .contains("\"step_s\": 30.000")
                .contains("\"max_queue_wait_s\": 20.000");
        StringBuilder burst = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
        for (int i = 0; i < 300; i++) {
            burst.append(String.format("2023-11-16 18:15:%02d.%03d0000,4000,50%n", i / 5, i % 5 * 200));
        }
        Path dense = tmp.resolve("burst.csv");
        Files.writeString(dense, burst);
        CliTest.Outcome shed = run(
                "--trace", dense.toString(), "--format", "azure", "--replicas", "1", "--max-queue-wait", "5", "--json");
        assertThat(shed.code()).as(shed.err()).isZero();
        assertThat(Long.parseLong(section(shed.out(), "request_level").get("requests_shed")))
                .isPositive();
        assertThat(Long.parseLong(section(shed.out(), "flow").get("requests_shed")))
                .isPositive();
        assertThat(Double.parseDouble(section(shed.out(), "flow").get("ttft_p50_s")))
                .as("no one waits much longer than the limit")
                .isLessThan(7);
    }

    @Test
    void badFlagsAndFilesExitWith2AndOneOrTwoLines() throws IOException {
        CliTest.Outcome format = run("--trace", azure.toString(), "--format", "parquet");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err())
                .isEqualTo("error: --format: 'parquet' is no trace format; allowed azure or mooncake\n"
                        + "see 'ultrafleet replay inference --help'\n");
        CliTest.Outcome profile = run("--trace", azure.toString(), "--format", "azure", "--profile", "gpt-5");
        assertThat(profile.code()).isEqualTo(2);
        assertThat(profile.err())
                .startsWith("error: --profile: 'gpt-5' is no service profile; allowed llama405b-")
                .hasLineCount(2);
        CliTest.Outcome replicas = run("--trace", azure.toString(), "--format", "azure", "--replicas", "0");
        assertThat(replicas.code()).isEqualTo(2);
        assertThat(replicas.err())
                .startsWith("error: --replicas: '0' is out of range; allowed an integer from 1 to 100000\n");
        assertThat(run("--trace", azure.toString(), "--format", "azure", "--step", "0")
                        .code())
                .isEqualTo(2);
        assertThat(run("--trace", azure.toString(), "--format", "azure", "--max-queue-wait", "0")
                        .code())
                .isEqualTo(2);
        assertThat(run("--trace", azure.toString(), "--format", "azure", "--tpot-ms", "5")
                        .err())
                .startsWith("error: --tpot-ms: '5' is too short; allowed more than the one-sequence decode step");
        assertThat(run("--trace", azure.toString(), "--format", "azure", "--replicas", "many")
                        .code())
                .isEqualTo(2);
        assertThat(run("--format", "azure").code()).as("--trace is required").isEqualTo(2);
        CliTest.Outcome missing = run("--trace", tmp.resolve("nope.csv").toString(), "--format", "azure");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: " + tmp.resolve("nope.csv") + ": no such file\n");
        CliTest.Outcome wrongFormat = run("--trace", azure.toString(), "--format", "mooncake");
        assertThat(wrongFormat.code()).isEqualTo(2);
        assertThat(wrongFormat.err()).startsWith("error: " + azure + ":1: ").hasLineCount(1);
        List<String> lines = new ArrayList<>(Files.readAllLines(azure));
        lines.set(5, "2023-11-16 18:15:04.0000000,12,-1");
        Files.write(azure, lines);
        CliTest.Outcome row = run("--trace", azure.toString(), "--format", "azure", "--json");
        assertThat(row.code()).isEqualTo(2);
        assertThat(row.err())
                .isEqualTo(
                        "error: " + azure + ":6: field 'GeneratedTokens': found -1, allowed an integer 0..10000000\n");
        assertThat(row.out()).isEmpty();
    }

    @Test
    void helpListsTheFormatsAndTheDefaultProfile() {
        CliTest.Outcome h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out())
                .contains("azure or mooncake")
                .contains("default: llama405b-h200x8")
                .contains("--replicas");
        assertThat(CliTest.run("replay", "--help").out()).contains("inference").contains("openb");
    }
}
