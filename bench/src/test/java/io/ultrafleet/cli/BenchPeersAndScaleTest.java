package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ultrafleet bench peers} and {@code bench scale} end to end at small sizes: the command runs in this JVM and
 * starts its child JVMs on this module's test class path (CloudSim Plus included), as it does on the benchmark jar.
 */
class BenchPeersAndScaleTest {
    record Outcome(int code, String out, String err) {}

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static Outcome run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Every scalar of a JSON document by its dotted path ({@code sizes.1.wall_s} for arrays). */
    static Map<String, String> flatten(String json) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            List<String> path = new ArrayList<>();
            List<Integer> index = new ArrayList<>();
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        if (!index.isEmpty() && index.get(index.size() - 1) >= 0 && field == null) {
                            int i = index.remove(index.size() - 1);
                            index.add(i + 1);
                            path.add(Integer.toString(i));
                        } else if (field != null) {
                            path.add(field);
                        } else {
                            path.add("");
                        }
                        index.add(t == JsonToken.START_ARRAY ? 0 : -1);
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        index.remove(index.size() - 1);
                        path.remove(path.size() - 1);
                        field = null;
                    }
                    default -> {
                        String key = field;
                        if (key == null && !index.isEmpty() && index.get(index.size() - 1) >= 0) {
                            int i = index.remove(index.size() - 1);
                            index.add(i + 1);
                            key = Integer.toString(i);
                        }
                        List<String> parts = new ArrayList<>(path.subList(1, path.size()));
                        parts.add(key);
                        out.put(String.join(".", parts), p.getText());
                        field = null;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void peersRunBothSimulatorsOnTheSameWorkAndReportTheAskedKeys() throws IOException {
        Outcome o = run("bench", "peers", "--hosts", "200", "--json", "--classpath", classpath());
        assertThat(o.code()).as(o.err()).isZero();
        Map<String, String> j = flatten(o.out());
        assertThat(j)
                .containsKeys(
                        "cloudsimplus.wall_s",
                        "ultrafleet.wall_s",
                        "speedup",
                        "cloudsimplus.peak_heap_mib",
                        "ultrafleet.peak_heap_mib",
                        "cloudsimplus.events_per_s",
                        "ultrafleet.events_per_s")
                .containsEntry("hosts", "200")
                .containsEntry("jobs", "200")
                .containsEntry("same_work", "true")
                .containsEntry("cloudsimplus.jobs_completed", "200")
                .containsEntry("ultrafleet.jobs_completed", "200");
        assertThat(j.get("cloudsimplus.work_gpu_hours"))
                .isEqualTo(j.get("ultrafleet.work_gpu_hours"))
                .isEqualTo(j.get("work_gpu_hours"));
        assertThat(Double.parseDouble(j.get("cloudsimplus.wall_s"))).isPositive();
        assertThat(Double.parseDouble(j.get("ultrafleet.wall_s"))).isPositive();
        assertThat(Double.parseDouble(j.get("ultrafleet.cpu_s"))).isPositive();
        assertThat(Double.parseDouble(j.get("cloudsimplus.peak_heap_mib"))).isPositive();
        assertThat(Long.parseLong(j.get("ultrafleet.events"))).isPositive();
        assertThat(o.err()).contains("running Ultrafleet").contains("running CloudSim Plus 8.5.7");
    }

    @Test
    void scaleRunsEachSizeAndReportsGrowthPerGpu() throws IOException {
        Outcome o = run("bench", "scale", "--sizes", "8000,4000", "--days", "20", "--json", "--classpath", classpath());
        assertThat(o.code()).as(o.err()).isZero();
        Map<String, String> j = flatten(o.out());
        assertThat(j)
                .containsEntry("days", "20")
                .containsKeys(
                        "growth_per_gpu", "cpu_growth_per_gpu", "sizes.0.wall_s", "sizes.1.wall_s", "sizes.1.cpu_s");
        assertThat(Double.parseDouble(j.get("sizes.1.cpu_s"))).isPositive();
        assertThat(j).doesNotContainKey("sizes.2.wall_s");
        // Smallest first, each within a few racks of its target.
        assertThat(j).containsEntry("sizes.0.gpus_target", "4000").containsEntry("sizes.1.gpus_target", "8000");
        assertThat(Long.parseLong(j.get("sizes.0.gpus"))).isBetween(3_500L, 4_500L);
        assertThat(Long.parseLong(j.get("sizes.1.gpus"))).isBetween(7_500L, 8_500L);
        assertThat(Long.parseLong(j.get("sizes.1.jobs_submitted")))
                .isGreaterThan(Long.parseLong(j.get("sizes.0.jobs_submitted")));
        double growth = Double.parseDouble(j.get("growth_per_gpu"));
        double perGpu0 = Double.parseDouble(j.get("sizes.0.wall_s")) / Long.parseLong(j.get("sizes.0.gpus"));
        double perGpu1 = Double.parseDouble(j.get("sizes.1.wall_s")) / Long.parseLong(j.get("sizes.1.gpus"));
        assertThat(growth).isCloseTo(perGpu1 / perGpu0, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void badSizesAndCountsAreRefusedAsBadInput() {
        assertThat(run("bench", "peers", "--hosts", "0").code()).isEqualTo(Main.EXIT_BAD_INPUT);
        Outcome small = run("bench", "scale", "--sizes", "10");
        assertThat(small.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(small.err()).contains("--sizes: '10'").doesNotContain("Exception");
        assertThat(run("bench", "scale", "--days", "0").code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run("bench", "scale", "--sizes", "abc").code()).isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void aBenchmarkThatCannotRunStopsTheCommandWithWhatItSaid() {
        Outcome o = run("bench", "peers", "--hosts", "10", "--classpath", "/nonexistent/benchmarks.jar");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err())
                .startsWith("running Ultrafleet")
                .contains("error: io.ultrafleet.bench.peers.UltrafleetPeer failed (exit code 1)")
                .contains("UltrafleetPeer");
        assertThat(o.out()).isEmpty();
    }
}
