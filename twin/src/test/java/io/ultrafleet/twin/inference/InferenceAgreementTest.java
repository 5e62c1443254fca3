package io.ultrafleet.twin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;

import io.ultrafleet.twin.testdata.ProjectData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The flow model against the request-level simulator on every request trace in the repository's data (each Azure CSV and
 * Mooncake JSON-lines file found there): throughput within 10 % and SLO attainment within 0.05, at three loads, the
 * pool sized so that its busiest step is offered 40 % (light), 70 % (moderate) or 90 % (heavy) of its capacity, on
 * the default profile; and at the heavy load again with the tighter interactive SLO of Llama 3.1 405B (TTFT 4.5 s,
 * TPOT 80 ms), where the TPOT target binds.
 */
class InferenceAgreementTest {
    static final double[] LOADS = {0.4, 0.7, 0.9};

    record Case(Path file, TraceFormat format) {}

    static List<Case> traces() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(files("azure-llm-inference-2023", ".csv", TraceFormat.AZURE));
        cases.addAll(files("mooncake-fast25", ".jsonl", TraceFormat.MOONCAKE));
        return cases;
    }

    private static List<Case> files(String folder, String suffix, TraceFormat format) {
        Path dir = ProjectData.require(folder);
        try (Stream<Path> s = Files.list(dir)) {
            List<Case> found = s.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .map(p -> new Case(p, format))
                    .toList();
            if (found.isEmpty()) {
                fail("no " + suffix + " trace in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> flowAgreesWithRequestLevelOnEveryTrace() {
        return traces().stream()
                .map(c -> DynamicTest.dynamicTest(c.file().getFileName().toString(), () -> agree(c)));
    }

    private static void agree(Case c) {
        InferenceTrace trace = c.format().read(c.file());
        ServiceProfile profile = ServiceProfiles.defaultReplay();
        InferenceReplay.Settings settings =
                new InferenceReplay.Settings(profile, 60_000, Overload.queue(), trace.hasBlockHashes());
        double lightPeak = Double.NaN;
        for (double load : LOADS) {
            int replicas = InferenceReplay.replicasForPeakLoad(trace, settings, load);
            InferenceReplayResult r = InferenceReplay.run(trace, settings, replicas);
            check(r, c.file() + " at a peak load of " + load);
            if (Double.isNaN(lightPeak)) {
                lightPeak = r.peakLoad();
            }
            if (load == LOADS[LOADS.length - 1]) {
                assertThat(r.peakLoad())
                        .as("the heavy pool is loaded more than the light one")
                        .isGreaterThan(lightPeak);
                InferenceReplay.Settings interactive = new InferenceReplay.Settings(
                        profile.withSlo(4_500, 80), 60_000, Overload.queue(), trace.hasBlockHashes());
                int n = InferenceReplay.replicasForPeakLoad(trace, interactive, load);
                check(
                        InferenceReplay.run(trace, interactive, n),
                        c.file() + " interactive SLO at a peak load of " + load);
            }
        }
    }

    private static void check(InferenceReplayResult r, String what) {
        assertThat(r.peakLoad()).as(what).isLessThan(1);
        assertThat(r.flow().servedRequests()).as(what).isEqualTo(r.requests());
        assertThat(r.throughputRatio())
                .as(what + ": throughput flow / request-level")
                .isCloseTo(1, within(0.10));
        assertThat(r.sloAttainmentDifference())
                .as(what + ": SLO attainment flow - request-level")
                .isCloseTo(0, within(0.05));
        assertThat(r.requestLevel().sloAttainment()).as(what).isBetween(0.0, 1.0);
    }
}
