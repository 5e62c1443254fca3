package io.ultrafleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.spec.BuiltInScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a run directory: the scenario beside its outputs, and its top-level sections in file order. */
class RunDirectoryTest {
    @Test
    void theScenarioSectionsAreItsTopLevelKeysInFileOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"schema\": \"ultrafleet.summary/v1\"}");
        String yaml = BuiltInScenarios.yaml("llama3-54d").orElseThrow();
        Files.writeString(dir.resolve(RunDirectory.SCENARIO), yaml);

        RunDirectory run = RunDirectory.read(dir);

        assertThat(run.scenario()).isNotNull();
        assertThat(run.scenarioSections())
                .startsWith("apiVersion", "name")
                .contains("fleet", "training", "reliability")
                .doesNotHaveDuplicates();
        assertThat(run.scenarioSections()).allSatisfy(k -> assertThat(yaml).containsPattern("(?m)^" + k + ":"));
    }

    @Test
    void aRunWithoutItsScenarioHasNoSections(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"schema\": \"ultrafleet.summary/v1\"}");

        RunDirectory run = RunDirectory.read(dir);

        assertThat(run.scenario()).isNull();
        assertThat(run.scenarioSections()).isEmpty();
    }
}
