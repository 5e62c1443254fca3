package io.ultrafleet.twin.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.twin.metrics.TimeSeries;
import io.ultrafleet.twin.output.SummaryJson;
import io.ultrafleet.twin.output.TimeSeriesCsv;
import io.ultrafleet.twin.testdata.SummarySchema;
import io.ultrafleet.workload.Job;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the default scenario's outputs mean, checked at every row of its whole run: the GPU levels nest (busy within
 * allocated within online), demand is the GPUs of the jobs running and waiting counted one by one, queue lengths add
 * up, contracts' running spend never falls and ends at what the summary says, and the summary is what its schema
 * ({@code docs/summary.schema.json}) allows.
 */
class DefaultScenarioInvariantsTest {
    private static final double EPS = 1e-6;

    private static RunResult result;
    private static final List<Long> recounted = new ArrayList<>();

    @BeforeAll
    static void runTheDefaultScenario() {
        TwinRun run = new TwinRun(DefaultScenarioTest.defaultScenario(), HardwareCatalogue.builtIn());
        run.probeSamples((row, now, running, waiting) -> {
            long gpus = 0;
            for (Job j : running) {
                gpus += j.gpus();
            }
            for (Job j : waiting) {
                gpus += j.gpus();
            }
            assertThat(row).isEqualTo(recounted.size());
            recounted.add(gpus);
        });
        result = run.run();
    }

    private static int col(String name) {
        int c = result.timeSeries().columnIndex(name);
        assertThat(c).as("column %s", name).isNotNegative();
        return c;
    }

    private static String at(int row) {
        return "row " + (row + 2) + " of timeseries.csv";
    }

    @Test
    void gpuLevelsNest() {
        TimeSeries ts = result.timeSeries();
        int online = col("gpus_online");
        int allocated = col("gpus_allocated");
        int busy = col("gpus_busy");
        int down = col("gpus_down");
        int inference = col("inference_gpus");
        for (int r = 0; r < ts.size(); r++) {
            double on = ts.value(r, online);
            assertThat(ts.value(r, allocated))
                    .as("allocated <= online, " + at(r))
                    .isLessThanOrEqualTo(on + EPS);
            assertThat(ts.value(r, busy))
                    .as("busy <= allocated, " + at(r))
                    .isLessThanOrEqualTo(ts.value(r, allocated) + EPS);
            assertThat(ts.value(r, busy)).as("busy >= 0, " + at(r)).isGreaterThanOrEqualTo(0);
            assertThat(ts.value(r, down)).as("down <= online, " + at(r)).isBetween(0.0, on + EPS);
            assertThat(ts.value(r, inference))
                    .as("inference GPUs <= allocated, " + at(r))
                    .isLessThanOrEqualTo(ts.value(r, allocated) + EPS);
        }
    }

    @Test
    void demandIsTheGpusOfTheJobsRunningAndWaiting() {
        TimeSeries ts = result.timeSeries();
        int demanded = col("gpus_demanded");
        int online = col("gpus_online");
        assertThat(recounted).hasSize(ts.size());
        double most = 0;
        double mostOnline = 0;
        for (int r = 0; r < ts.size(); r++) {
            assertThat(ts.value(r, demanded))
                    .as("gpus_demanded against the jobs counted one by one, " + at(r))
                    .isEqualTo((double) recounted.get(r));
            most = Math.max(most, ts.value(r, demanded));
            mostOnline = Math.max(mostOnline, ts.value(r, online));
        }
        // The default fleet is mostly ahead of its demand: what is asked for stays within the fleet's order of
        // magnitude (a leak grew it to 40 million GPUs against a fleet of 200,016).
        assertThat(most).as("largest demand").isGreaterThan(0).isLessThan(3 * mostOnline);
    }

    @Test
    void queueLengthsAddUpAndCountsAreNotNegative() {
        TimeSeries ts = result.timeSeries();
        int queued = col("jobs_queued");
        List<Integer> perQueue = new ArrayList<>();
        for (int c = 0; c < ts.columnNames().size(); c++) {
            if (ts.columnNames().get(c).startsWith(TimeSeries.QUEUED_PREFIX)) {
                perQueue.add(c);
            }
        }
        assertThat(perQueue).hasSize(5);
        for (int r = 0; r < ts.size(); r++) {
            double sum = 0;
            for (int c : perQueue) {
                sum += ts.value(r, c);
            }
            assertThat(sum)
                    .as("queued per queue adds up to jobs_queued, " + at(r))
                    .isEqualTo(ts.value(r, queued));
            for (String name : List.of("jobs_running", "racks_online", "interruptions", "spend_usd", "power_mw")) {
                assertThat(ts.value(r, col(name))).as(name + " >= 0, " + at(r)).isGreaterThanOrEqualTo(0);
            }
            assertThat(ts.value(r, col("inference_slo_attainment")))
                    .as("SLO attainment, " + at(r))
                    .isBetween(0.0, 1.0);
        }
    }

    @Test
    void contractSpendNeverFallsAndEndsAtTheSummary() throws IOException {
        TimeSeries ts = result.timeSeries();
        JsonNode contracts = summary().path("cost").path("by_contract");
        assertThat(contracts.size()).isEqualTo(2);
        for (JsonNode c : contracts) {
            int column = col("contract_spent_usd." + c.get("name").asText());
            double before = 0;
            for (int r = 0; r < ts.size(); r++) {
                double v = ts.value(r, column);
                assertThat(v)
                        .as("spend of %s never falls, %s", c.get("name"), at(r))
                        .isGreaterThanOrEqualTo(before);
                before = v;
            }
            assertThat(before)
                    .as("last running spend of %s against summary.json", c.get("name"))
                    .isCloseTo(c.get("spent_usd").asDouble(), within(0.01));
        }
        int spend = col("spend_usd");
        int gpuSpend = col("gpu_spend_usd");
        double total = 0;
        double gpu = 0;
        for (int r = 0; r < ts.size(); r++) {
            assertThat(ts.value(r, gpuSpend))
                    .as("GPU spend within all spend, " + at(r))
                    .isBetween(0.0, ts.value(r, spend) + EPS);
            total += ts.value(r, spend);
            gpu += ts.value(r, gpuSpend);
        }
        JsonNode cost = summary().path("cost");
        assertThat(total)
                .as("spend_usd adds up to cost.total_usd")
                .isCloseTo(cost.get("total_usd").asDouble(), within(1.0));
        assertThat(gpu)
                .as("gpu_spend_usd adds up to cost.gpu_usd")
                .isCloseTo(cost.get("gpu_usd").asDouble(), within(1.0));
        JsonNode aws = contracts.get(0);
        assertThat(aws.get("committed_usd").asDouble()).isEqualTo(38e9);
        assertThat(aws.get("remaining_commitment_usd").asDouble())
                .isCloseTo(38e9 - aws.get("spent_usd").asDouble(), within(0.01));
    }

    @Test
    void theSummaryIsWhatItsSchemaAllows() throws IOException {
        assertThat(SummarySchema.problems(summary())).isEmpty();
    }

    @Test
    void theCsvWritesPlainNumbers() throws IOException {
        StringWriter out = new StringWriter();
        TimeSeriesCsv.write(result.timeSeries(), result.epoch(), out);
        List<String> odd = new ArrayList<>();
        out.toString().lines().skip(1).forEach(line -> {
            String[] f = line.split(",", -1);
            for (int i = 1; i < f.length && odd.size() < 3; i++) {
                if (!f[i].matches("-?[0-9]+(\\.[0-9]{1,2})?")) {
                    odd.add(f[0] + " column " + i + ": " + f[i]);
                }
            }
        });
        assertThat(odd).as("numbers with an exponent or more than two decimals").isEmpty();
    }

    private static JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(SummaryJson.toJson(result));
    }
}
