package io.ultrafleet.twin.replay.philly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhillyTraceTest {
    static final String JOBS = "timestamp,duration,num_gpus,gpu_time,cluster\n";
    static final String MACHINES = ",machineId,number of GPUs\n";
    static final String VCS = "vc,node num\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsJobsInFileOrderWithTheirLines() throws IOException {
        Path jobs = write(
                "jobs.csv",
                JOBS + "2017-10-09 07:01:55,66.0,1,66.0,11cb48\n" + "\n"
                        + "2017-10-09 06:13:03,2951.5,8.0,23612,6214e9\n");
        assertThat(PhillyTrace.readJobs(jobs))
                .containsExactly(
                        new PhillyJob(2, ms("2017-10-09 07:01:55"), 66_000, 1, "11cb48"),
                        new PhillyJob(4, ms("2017-10-09 06:13:03"), 2_951_500, 8, "6214e9"));
    }

    @Test
    void readsMachinesWithAnIndexColumnAndVcs() throws IOException {
        Path machines = write("m.csv", MACHINES + "0,m0,8\n1,m1,0\n2,m100,4\n");
        assertThat(PhillyTrace.readMachines(machines))
                .containsExactly(new PhillyMachine("m0", 8), new PhillyMachine("m1", 0), new PhillyMachine("m100", 4));
        Path vcs = write("v.csv", VCS + "6214e9,64\n7f04ca,32\n");
        assertThat(PhillyTrace.readVcs(vcs)).containsExactly(new PhillyVc("6214e9", 64), new PhillyVc("7f04ca", 32));
    }

    @Test
    void theTimeIsWrittenBackAsTheSeriesWritesIt() {
        assertThat(PhillyTrace.format(ms("2017-10-31 23:59:00"))).isEqualTo("2017-10-31 23:59:00");
    }

    @Test
    void aBadJobRowIsNamedByFileLineAndColumn() throws IOException {
        String ok = "2017-10-09 07:01:55,66.0,1,66.0,11cb48\n";
        assertRefused(
                "jobs.csv",
                JOBS + ok + "2017-10-09 25:01:55,66.0,1,66.0,11cb48\n",
                PhillyTrace::readJobs,
                ":3: field 'timestamp': found '2017-10-09 25:01:55', allowed a time YYYY-MM-DD HH:MM:SS");
        assertRefused(
                "jobs.csv",
                JOBS + ok + ok + "2017-10-09 07:01:55,-5,1,66.0,11cb48\n",
                PhillyTrace::readJobs,
                ":4: field 'duration': found -5, allowed a number of seconds 0..31622400");
        assertRefused(
                "jobs.csv",
                JOBS + "2017-10-09 07:01:55,66.0,1.5,66.0,11cb48\n",
                PhillyTrace::readJobs,
                ":2: field 'num_gpus': found 1.5, allowed an integer 1..4096");
        assertRefused(
                "jobs.csv",
                JOBS + "2017-10-09 07:01:55,66.0,0,66.0,11cb48\n",
                PhillyTrace::readJobs,
                ":2: field 'num_gpus': found 0, allowed an integer 1..4096");
        assertRefused(
                "jobs.csv",
                JOBS + "2017-10-09 07:01:55,abc,1,66.0,11cb48\n",
                PhillyTrace::readJobs,
                ":2: field 'duration': found 'abc', allowed a number of seconds 0..31622400");
        assertRefused(
                "jobs.csv",
                JOBS + "2017-10-09 07:01:55,66.0,1,66.0,\n",
                PhillyTrace::readJobs,
                ":2: field 'cluster': found nothing, allowed a value for cluster");
        assertRefused(
                "jobs.csv",
                JOBS + "2017-10-09 07:01:55,66.0,1,66.0\n",
                PhillyTrace::readJobs,
                ":2: found 4 fields, allowed 5 (one per header column)");
        assertRefused(
                "jobs.csv",
                "timestamp,duration,num_gpus,cluster\n" + ok,
                PhillyTrace::readJobs,
                ":1: field 'gpu_time': missing column; the header has: timestamp,duration,num_gpus,cluster");
        assertRefused("jobs.csv", JOBS, PhillyTrace::readJobs, ": no jobs");
        assertRefused(
                "jobs.csv",
                "",
                PhillyTrace::readJobs,
                ": empty file, expected a header with columns timestamp,duration,num_gpus,gpu_time,cluster");
    }

    @Test
    void jobsSpanningMoreThan400DaysAreRefusedAtTheLatest() throws IOException {
        assertRefused(
                "jobs.csv",
                JOBS + "2018-12-01 00:00:00,6,1,6,a\n2017-10-01 00:00:00,6,1,6,a\n",
                PhillyTrace::readJobs,
                ":2: field 'timestamp': found 2018-12-01 00:00:00, more than 400 days after the first submission"
                        + " (line 3), allowed at most 400");
    }

    @Test
    void aBadMachineOrVcRowIsNamedByFileLineAndColumn() throws IOException {
        assertRefused(
                "m.csv",
                MACHINES + "0,m0,8\n1,m0,4\n",
                PhillyTrace::readMachines,
                ":3: field 'machineId': found 'm0' again (first on line 2), allowed a unique name");
        assertRefused(
                "m.csv",
                MACHINES + "0,m0,65\n",
                PhillyTrace::readMachines,
                ":2: field 'number of GPUs': found 65, allowed an integer 0..64");
        assertRefused("m.csv", MACHINES + "0,m0,0\n", PhillyTrace::readMachines, ": no machine with a GPU");
        assertRefused(
                "v.csv",
                VCS + "a,4\nb,x\n",
                PhillyTrace::readVcs,
                ":3: field 'node num': found 'x', allowed an integer 0..1000000");
        assertRefused(
                "v.csv",
                VCS + "a,4\na,4\n",
                PhillyTrace::readVcs,
                ":3: field 'vc': found 'a' again (first on line 2), allowed a unique name");
    }

    @Test
    void aMissingFileIsNamed() {
        Path nope = tmp.resolve("nope.csv");
        assertThatThrownBy(() -> PhillyTrace.readJobs(nope))
                .isInstanceOf(PhillyTraceException.class)
                .hasMessage(nope + ": no such file");
    }

    private void assertRefused(String name, String text, Function<Path, ?> reader, String message) throws IOException {
        Path p = write(name, text);
        assertThatThrownBy(() -> reader.apply(p))
                .isInstanceOf(PhillyTraceException.class)
                .hasMessage(p + message);
    }

    static long ms(String time) {
        return PhillyTrace.toMs(java.time.LocalDateTime.parse(time, PhillyTrace.TIME));
    }
}
