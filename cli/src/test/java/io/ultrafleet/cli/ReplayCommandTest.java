package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ultrafleet replay openb} end to end, in process, on a small made-up trace. */
class ReplayCommandTest {
    @TempDir
    Path tmp;

    Path nodes;
    Path pods;

    static CliTest.Outcome run(String... args) {
        return CliTest.run(args);
    }

    @BeforeEach
    void trace() throws IOException {
        StringBuilder n = new StringBuilder("sn,cpu_milli,memory_mib,gpu,model\n");
        for (int i = 0; i < 20; i++) {
            n.append(String.format("node-%02d,64000,262144,%d,%s%n", i, i % 4 == 0 ? 2 : 8, i % 4 == 0 ? "T4" : "G2"));
        }
        nodes = tmp.resolve("nodes.csv");
        Files.writeString(nodes, n);
        StringBuilder p = new StringBuilder("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\n");
        int[] millis = {300, 470, 810, 1000};
        for (int i = 0; i < 200; i++) {
            if (i % 7 == 0) {
                p.append(String.format("pod-%03d,4000,8192,0,0,%n", i));
            } else if (i % 11 == 0) {
                p.append(String.format("pod-%03d,16000,65536,4,1000,%n", i));
            } else {
                p.append(String.format(
                        "pod-%03d,6000,16384,1,%d,%s%n", i, millis[i % millis.length], i % 5 == 0 ? "T4" : ""));
            }
        }
        pods = tmp.resolve("pods.csv");
        Files.writeString(pods, p);
    }

    private CliTest.Outcome replay(String... more) {
        List<String> args =
                new ArrayList<>(List.of("replay", "openb", "--nodes", nodes.toString(), "--pods", pods.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void printsATableOfSeedsAndTheirMean() {
        CliTest.Outcome o = replay("--policy", "fgd", "--seeds", "1-3");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("openb replay: policy fgd, 3 seeds, demand tuned to 1.30 x GPU capacity")
                .contains("nodes  nodes.csv: 20 nodes, 130 GPUs")
                .contains("90 %")
                .contains("130 %");
        assertThat(o.out().lines().filter(l -> l.matches("^[123] .*"))).hasSize(3);
        assertThat(o.out().lines().filter(l -> l.startsWith("mean "))).hasSize(1);
        assertThat(o.err()).startsWith("replayed 3 seeds in ");
    }

    @Test
    void jsonHasExactlyPolicyMeanAndSeeds() throws IOException {
        CliTest.Outcome o = replay("--policy", "best", "--seeds", "7,9", "--target", "1.3", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        List<String> path = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(o.out())) {
            JsonToken t;
            int depth = 0;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    path.add(depth + ":" + p.currentName());
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
        assertThat(path)
                .containsExactly(
                        "1:policy",
                        "1:mean",
                        "2:alloc_pct_at",
                        "3:90",
                        "3:100",
                        "3:130",
                        "1:seeds",
                        "3:seed",
                        "3:alloc_pct_at",
                        "4:90",
                        "4:100",
                        "4:130",
                        "3:seed",
                        "3:alloc_pct_at",
                        "4:90",
                        "4:100",
                        "4:130");
        assertThat(o.out())
                .contains("\"policy\": \"best\"")
                .contains("\"seed\": 7")
                .contains("\"seed\": 9");
        assertThat(replay("--policy", "best", "--seeds", "7,9", "--json").out()).isEqualTo(o.out());
    }

    @Test
    void badFlagsExitWith2AndTwoLines() {
        CliTest.Outcome policy = replay("--policy", "worstfit");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err())
                .isEqualTo("error: --policy: 'worstfit' is no packing policy; allowed firstfit, bestfit, fgd, best\n"
                        + "see 'ultrafleet replay openb --help'\n");
        CliTest.Outcome seeds = replay("--policy", "fgd", "--seeds", "51-42");
        assertThat(seeds.code()).isEqualTo(2);
        assertThat(seeds.err()).startsWith("error: --seeds: '51-42' ").hasLineCount(2);
        assertThat(replay("--policy", "fgd", "--seeds", "a,b").code()).isEqualTo(2);
        assertThat(replay("--policy", "fgd", "--seeds", "1,1").code()).isEqualTo(2);
        assertThat(replay("--policy", "fgd", "--target", "0").code()).isEqualTo(2);
        assertThat(replay("--policy", "fgd", "--target", "x").code()).isEqualTo(2);
        assertThat(run("replay", "openb", "--nodes", nodes.toString(), "--policy", "fgd")
                        .code())
                .as("--pods is required")
                .isEqualTo(2);
    }

    @Test
    void aBadRowIsNamedByFileLineAndField() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(pods));
        lines.set(3, "pod-x,6000,16384,2,500,");
        Files.write(pods, lines);
        CliTest.Outcome o = replay("--policy", "bestfit");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("error: " + pods + ":4: field 'gpu_milli': found 500 for a pod of 2 GPUs, allowed 1000"
                        + " (a fraction of a GPU is for one-GPU pods only)\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aMissingFileExitsWith2() {
        CliTest.Outcome o = run(
                "replay",
                "openb",
                "--nodes",
                tmp.resolve("nope.csv").toString(),
                "--pods",
                pods.toString(),
                "--policy",
                "fgd");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("error: " + tmp.resolve("nope.csv") + ": no such file\n");
    }

    @Test
    void helpNamesThePoliciesAndThePoints() {
        CliTest.Outcome h = run("replay", "openb", "--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("firstfit, bestfit, fgd or best").contains("130 % of capacity");
    }

    @Test
    void seedListsTakeRangesAndCommas() {
        assertThat(ReplayCommand.Openb.parseSeeds("42-51"))
                .hasSize(10)
                .startsWith(42L)
                .endsWith(51L);
        assertThat(ReplayCommand.Openb.parseSeeds("1,5, 7-8")).containsExactly(1L, 5L, 7L, 8L);
    }
}
