package io.ultrafleet.twin.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioText;
import io.ultrafleet.twin.budget.RunBudget;
import io.ultrafleet.twin.budget.RunEstimate;
import io.ultrafleet.twin.budget.RunLimitException;
import io.ultrafleet.twin.inference.TraceFormat;
import io.ultrafleet.twin.replay.OpenbTrace;
import io.ultrafleet.twin.replay.TraceFileException;
import io.ultrafleet.twin.replay.philly.NodeSequence;
import io.ultrafleet.twin.replay.philly.PhillyTrace;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Coverage-guided fuzz tests of every reader of user files: the scenario reader (with the run's estimate) and the
 * openb node and pod lists, the Azure CSV and the Mooncake JSON-lines traces, and Philly's job, machine and virtual
 * cluster lists and its series of active servers. A reader may refuse its input only with
 * its documented error ({@link ScenarioException}, {@link RunLimitException}, {@link TraceFileException}); anything else
 * thrown is a bug, and Jazzer keeps the input that found it under {@code ReadersFuzzTestInputs/}, where the plain test
 * run replays it.
 *
 * <p>In the plain test run each test replays its stored inputs, and {@link #allReaders} is fuzzed for a short while.
 * A long run of one reader: {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m ./mvnw -pl twin -am test
 * -Dtest=ReadersFuzzTest#scenarioReader -Dfuzz.short.skip=true} (README, "Fuzzing").
 */
class ReadersFuzzTest {
    private static final HardwareCatalogue CATALOGUE = HardwareCatalogue.builtIn();

    /** The readers, by the first byte of an {@link #allReaders} input. */
    private enum Reader {
        SCENARIO,
        OPENB_NODES,
        OPENB_PODS,
        AZURE,
        MOONCAKE,
        PHILLY_JOBS,
        PHILLY_MACHINES,
        PHILLY_VCS,
        PHILLY_SERIES
    }

    /** All readers at once: the first byte picks the reader, the rest is the file. */
    @FuzzTest(maxDuration = "35s")
    void allReaders(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Reader r = Reader.values()[Math.floorMod(input[0], Reader.values().length)];
        read(r, Arrays.copyOfRange(input, 1, input.length));
    }

    @FuzzTest(maxDuration = "10m")
    void scenarioReader(byte[] file) {
        read(Reader.SCENARIO, file);
    }

    @FuzzTest(maxDuration = "10m")
    void openbNodeList(byte[] file) {
        read(Reader.OPENB_NODES, file);
    }

    @FuzzTest(maxDuration = "10m")
    void openbPodList(byte[] file) {
        read(Reader.OPENB_PODS, file);
    }

    @FuzzTest(maxDuration = "10m")
    void azureTrace(byte[] file) {
        read(Reader.AZURE, file);
    }

    @FuzzTest(maxDuration = "10m")
    void mooncakeTrace(byte[] file) {
        read(Reader.MOONCAKE, file);
    }

    @FuzzTest(maxDuration = "10m")
    void phillyJobList(byte[] file) {
        read(Reader.PHILLY_JOBS, file);
    }

    @FuzzTest(maxDuration = "10m")
    void phillyMachineList(byte[] file) {
        read(Reader.PHILLY_MACHINES, file);
    }

    @FuzzTest(maxDuration = "10m")
    void phillyVcList(byte[] file) {
        read(Reader.PHILLY_VCS, file);
    }

    @FuzzTest(maxDuration = "10m")
    void phillyNodeSequence(byte[] file) {
        read(Reader.PHILLY_SERIES, file);
    }

    private static void read(Reader reader, byte[] bytes) {
        try {
            switch (reader) {
                case SCENARIO -> scenario(bytes);
                case OPENB_NODES -> withFile(bytes, OpenbTrace::readNodes);
                case OPENB_PODS -> withFile(bytes, OpenbTrace::readPods);
                case AZURE -> withFile(bytes, TraceFormat.AZURE::read);
                case MOONCAKE -> withFile(bytes, TraceFormat.MOONCAKE::read);
                case PHILLY_JOBS -> withFile(bytes, PhillyTrace::readJobs);
                case PHILLY_MACHINES -> withFile(bytes, PhillyTrace::readMachines);
                case PHILLY_VCS -> withFile(bytes, PhillyTrace::readVcs);
                case PHILLY_SERIES -> withFile(bytes, NodeSequence::read);
            }
        } catch (ScenarioException | RunLimitException | TraceFileException documented) {
            // The documented refusal of bad input.
        }
    }

    private static void scenario(byte[] bytes) {
        String text = ScenarioText.decode(bytes, "fuzz.yaml");
        Scenario s = new ScenarioLoader(CATALOGUE).load("fuzz.yaml", new StringReader(text));
        RunBudget.check("fuzz.yaml", RunEstimate.of(s, CATALOGUE), Long.MAX_VALUE, 1);
    }

    private interface FileReader {
        Object read(Path file);
    }

    private static void withFile(byte[] bytes, FileReader reader) {
        Path file = null;
        try {
            file = Files.createTempFile("ultrafleet-fuzz-", ".txt");
            Files.write(file, bytes);
            reader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A temporary file left behind is no finding.
                }
            }
        }
    }
}
