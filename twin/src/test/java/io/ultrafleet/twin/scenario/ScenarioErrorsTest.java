package io.ultrafleet.twin.scenario;

import static io.ultrafleet.twin.scenario.TestScenarios.BASE;
import static io.ultrafleet.twin.scenario.TestScenarios.error;
import static io.ultrafleet.twin.scenario.TestScenarios.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultrafleet.spec.ScenarioException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One test per kind of problem, each with the exact message (line numbers refer to {@link TestScenarios#BASE}). */
class ScenarioErrorsTest {
    private static final String DELIVERY =
            "    - {site: dfw, model: gb200-nvl72, racks: 8, start: 2026-01-01, end: 2026-02-01}";

    @Test
    void yamlSyntaxError() {
        ScenarioException e = error("""
                apiVersion: ultrafleet/v1
                name: broken
                  start: 2026-01-01
                """);

        assertThat(e.getMessage()).isEqualTo("test.yaml:3:8: invalid YAML: mapping values are not allowed here");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.field()).isEmpty();
    }

    @Test
    void unclosedFlowMapping() {
        ScenarioException e = error(with(DELIVERY, "    - {site: dfw, racks: 8"));

        assertThat(e.file()).isEqualTo("test.yaml");
        assertThat(e.detail()).startsWith("invalid YAML: ");
        assertThat(e.line()).isEqualTo(15);
    }

    @Test
    void emptyDocument() {
        ScenarioException e = error("# nothing here\n");

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:1:1: found an empty document, allowed a scenario mapping starting with"
                        + " 'apiVersion: ultrafleet/v1'");
    }

    @Test
    void documentThatIsNotAMapping() {
        ScenarioException e = error("- a\n- b\n");

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:1:1: found a list, allowed a scenario mapping starting with"
                        + " 'apiVersion: ultrafleet/v1'");
    }

    @Test
    void missingRequiredField() {
        ScenarioException e = error(with("horizon: 2026-12-31\n", ""));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:1:1: field 'horizon': found nothing (the field is required), allowed a date like"
                        + " 2025-11-03 or a datetime like 2025-11-03T12:00:00Z");
        assertThat(e.field()).isEqualTo("horizon");
    }

    @Test
    void missingNestedFieldIsReportedAtItsMapping() {
        ScenarioException e =
                error(with("{site: dfw, model: gb200-nvl72, racks: 8,", "{site: dfw, model: gb200-nvl72,"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:14:7: field 'fleet.deliveries[0].racks': found nothing (the field is required),"
                        + " allowed an integer from 1 to 1000000");
    }

    @Test
    void listWhereAMappingIsWanted() {
        ScenarioException e = error(with("arrivals: {perDay: 10}", "arrivals: [10]"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:23:17: field 'training.generators[0].arrivals': found a list,"
                        + " allowed a mapping with perDay or rates");
    }

    @Test
    void mappingWhereAListIsWanted() {
        ScenarioException e = error("""
                apiVersion: ultrafleet/v1
                name: test
                start: 2026-01-01
                horizon: 2026-12-31
                fleet:
                  providers:
                    name: aws
                """);

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:7:5: field 'fleet.providers': found a mapping, allowed a list of providers");
    }

    @Test
    void stringWhereANumberIsWanted() {
        ScenarioException e = error(with("gpus: 64", "gpus: lots"));

        assertThat(e.getMessage())
                .isEqualTo(
                        "test.yaml:30:13: field 'training.jobs[0].gpus': found lots, allowed an integer from 1 to 10000000");
    }

    @Test
    void quotedNumberIsAString() {
        ScenarioException e = error(with("racks: 8,", "racks: \"8\","));

        assertThat(e.getMessage())
                .isEqualTo(
                        "test.yaml:14:46: field 'fleet.deliveries[0].racks': found \"8\", allowed an integer from 1 to 1000000");
    }

    @Test
    void unknownFieldWithAHint() {
        ScenarioException e = error(with("  deliveries:", "  delivries:"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:13:3: unknown field 'fleet.delivries' (did you mean 'deliveries'?);"
                        + " allowed: providers, deliveries, decommissions, cpuPools");
        assertThat(e.line()).isEqualTo(13);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("fleet.delivries");
    }

    @Test
    void unknownFieldWithACaseHint() {
        ScenarioException e = error(with("      gpus: 8", "      GPUs: 8"));

        assertThat(e.detail()).startsWith("unknown field 'training.generators[0].GPUs' (did you mean 'gpus'?);");
    }

    @Test
    void unknownFieldWithoutAHint() {
        ScenarioException e = error(with("name: test\n", "name: test\ncolour: blue\n"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:3:1: unknown field 'colour'; allowed: apiVersion, name, description, start,"
                        + " horizon, seed, priorityClasses, hardwareModels, fleet, tenants, training, scheduler,"
                        + " reliability, inference, agents, contracts, overflow, energy, outputs, executor");
    }

    @Test
    void negativeRacks() {
        ScenarioException e = error(with("racks: 8,", "racks: -5,"));

        assertThat(e.getMessage())
                .isEqualTo(
                        "test.yaml:14:46: field 'fleet.deliveries[0].racks': found -5, allowed an integer from 1 to 1000000");
        assertThat(e.line()).isEqualTo(14);
        assertThat(e.column()).isEqualTo(46);
        assertThat(e.field()).isEqualTo("fleet.deliveries[0].racks");
    }

    @Test
    void negativeGpuCount() {
        ScenarioException e = error(with("gpus: 64", "gpus: -8"));

        assertThat(e.getMessage())
                .isEqualTo(
                        "test.yaml:30:13: field 'training.jobs[0].gpus': found -8, allowed an integer from 1 to 10000000");
    }

    @Test
    void tooLargeForAnInt() {
        ScenarioException e = error(with("racks: 8,", "racks: 9999999999,"));

        assertThat(e.detail())
                .isEqualTo("field 'fleet.deliveries[0].racks': found 9999999999, allowed an integer from 1 to"
                        + " 1000000");
    }

    @Test
    void badDate() {
        ScenarioException e = error(with("start: 2026-01-01\n", "start: 2026-13-01\n"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:3:8: field 'start': found 2026-13-01, allowed a date like 2025-11-03 or a"
                        + " datetime like 2025-11-03T12:00:00Z");
    }

    @Test
    void dayThatDoesNotExist() {
        ScenarioException e = error(with("submit: 2026-02-01", "submit: 2026-02-30"));

        assertThat(e.field()).isEqualTo("training.jobs[0].submit");
        assertThat(e.line()).isEqualTo(29);
        assertThat(e.column()).isEqualTo(15);
    }

    @Test
    void durationWithoutAUnit() {
        ScenarioException e = error(with("duration: 2d", "duration: 48"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:31:17: field 'training.jobs[0].duration': found 48, allowed a duration like"
                        + " 90m, 6h, 30d (units ms, s, m, h, d, w)");
    }

    @Test
    void durationWithAnUnknownUnit() {
        ScenarioException e = error(with("duration: 6h", "duration: 6 hours"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].duration': found 6 hours, allowed a duration like 90m, 6h,"
                        + " 30d (units ms, s, m, h, d, w)");
    }

    @Test
    void zeroJobDuration() {
        ScenarioException e = error(with("duration: 2d", "duration: 0s"));

        assertThat(e.detail())
                .isEqualTo("field 'training.jobs[0].duration': found 0s, allowed a duration > 0 and at most 36500d");
    }

    @Test
    void timeSeriesStepUnderAMinute() {
        ScenarioException e = error(BASE + "outputs:\n  timeSeriesStep: 30s\n");

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:33:19: field 'outputs.timeSeriesStep': found 30s, allowed a duration of at"
                        + " least 1m and at most 36500d");
    }

    @Test
    void unknownModelListsTheCatalogue() {
        ScenarioException e = error(with("model: gb200-nvl72", "model: gb200-nvl27"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:14:26: field 'fleet.deliveries[0].model': found gb200-nvl27 (did you mean"
                        + " 'gb200-nvl72'?), allowed one of the catalogue's models: gb200-nvl72, gb300-nvl72,"
                        + " h100-hgx8, h200-hgx8, b200-hgx8, trn2-ultraserver");
    }

    @Test
    void unknownModelWithoutAHint() {
        ScenarioException e = error(with("      duration: 6h", "      duration: 6h\n      models: [tpu-v7]"));

        assertThat(e.detail())
                .isEqualTo("field 'training.generators[0].models[0]': found tpu-v7, allowed one of the catalogue's"
                        + " models: gb200-nvl72, gb300-nvl72, h100-hgx8, h200-hgx8, b200-hgx8, trn2-ultraserver");
    }

    @Test
    void undeclaredSite() {
        ScenarioException e = error(with("{site: dfw,", "{site: ord,"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:14:14: field 'fleet.deliveries[0].site': found ord, allowed one of the declared"
                        + " sites: iad, dfw");
    }

    @Test
    void undeclaredQueue() {
        ScenarioException e =
                error(with("      queue: team/default\n      submit", "      queue: team/defualt\n      submit"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:28:14: field 'training.jobs[0].queue': found team/defualt (did you mean"
                        + " 'team/default'?), allowed one of the declared queues: team/default");
    }

    @Test
    void undeclaredPriorityClass() {
        ScenarioException e = error(with("priorityClass: research", "priorityClass: batch"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:18:40: field 'tenants[0].queues[0].priorityClass': found batch, allowed one of"
                        + " the declared priority classes: production, training, research, best-effort");
    }

    @Test
    void priorityClassMustBeDeclaredWhenClassesAreGiven() {
        ScenarioException e = error(with("fleet:\n", "priorityClasses:\n  - {name: high, value: 10}\nfleet:\n"));

        assertThat(e.detail())
                .isEqualTo("field 'tenants[0].queues[0].priorityClass': found research, allowed one of the declared"
                        + " priority classes: high");
    }

    @Test
    void duplicateSiteAcrossProviders() {
        String yaml = with(
                "            - name: dfw\n",
                "            - name: dfw\n    - name: oci\n      regions:\n        - name: phx\n          sites:\n"
                        + "            - name: iad\n");
        ScenarioException e = error(yaml);

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:17:21: field 'fleet.providers[1].regions[0].sites[0].name': found iad, allowed a"
                        + " site name not used before (iad is fleet.providers[0].regions[0].sites[0].name at line 11)");
    }

    @Test
    void duplicateTenant() {
        ScenarioException e =
                error(with("training:", "  - {name: team, queues: [{name: q, priorityClass: research}]}\ntraining:"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:19:12: field 'tenants[1].name': found team, allowed a tenant name not used before"
                        + " (team is tenants[0].name at line 16)");
    }

    @Test
    void duplicateJob() {
        ScenarioException e = error(
                BASE + "    - {name: job-1, queue: team/default, submit: 2026-03-01, gpus: 8," + " duration: 1h}\n");

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:32:14: field 'training.jobs[1].name': found job-1, allowed a job name not used"
                        + " before (job-1 is training.jobs[0].name at line 27)");
    }

    @Test
    void duplicateKey() {
        ScenarioException e = error(with("      gpus: 64\n", "      gpus: 64\n      gpus: 32\n"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:31:7: field 'training.jobs[0].gpus': found the key 'gpus' a second time (first"
                        + " at line 30), allowed each key once");
    }

    @Test
    void deliveryEndBeforeStart() {
        ScenarioException e = error(with("end: 2026-02-01", "end: 2025-12-01"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:14:73: field 'fleet.deliveries[0].end': found 2025-12-01, allowed a time at or"
                        + " after start (2026-01-01T00:00:00Z)");
    }

    @Test
    void horizonBeforeStart() {
        ScenarioException e = error(with("horizon: 2026-12-31", "horizon: 2025-06-01"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:4:10: field 'horizon': found 2025-06-01, allowed a time after start"
                        + " (2026-01-01T00:00:00Z)");
    }

    @Test
    void horizonEqualToStartIsAnErrorOnlyForDatetimes() {
        String oneDay =
                with(with("horizon: 2026-12-31", "horizon: 2026-01-01"), "submit: 2026-02-01", "submit: 2026-01-01");
        assertThat(TestScenarios.load(oneDay).endMs())
                .as("a plain-date horizon covers its whole day")
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z").toEpochMilli());

        ScenarioException e = error(with(oneDay, "horizon: 2026-01-01", "horizon: 2026-01-01T00:00:00Z"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:4:10: field 'horizon': found 2026-01-01T00:00:00Z, allowed a time after start"
                        + " (2026-01-01T00:00:00Z)");
    }

    @Test
    void jobSubmittedAfterTheHorizon() {
        ScenarioException e = error(with("submit: 2026-02-01", "submit: 2027-01-01"));

        assertThat(e.detail())
                .isEqualTo("field 'training.jobs[0].submit': found 2027-01-01, allowed a time from start"
                        + " (2026-01-01T00:00:00Z) to before the horizon (2027-01-01T00:00:00Z)");
    }

    @Test
    void badApiVersion() {
        ScenarioException e = error(with("apiVersion: ultrafleet/v1", "apiVersion: ultrafleet/v2"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:1:13: field 'apiVersion': found ultrafleet/v2, allowed" + " ultrafleet/v1");
    }

    @Test
    void badScenarioName() {
        ScenarioException e = error(with("name: test", "name: My Test"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:2:7: field 'name': found My Test, allowed a name of lower-case letters, digits"
                        + " and '-', starting with a letter or digit");
    }

    @Test
    void emptyListWhereOneItemIsNeeded() {
        ScenarioException e =
                error(with("    queues:\n      - {name: default, priorityClass: research}", "    queues: []"));

        assertThat(e.getMessage())
                .isEqualTo("test.yaml:17:13: field 'tenants[0].queues': found an empty list, allowed a list of queues"
                        + " with name and priorityClass (at least one)");
    }

    @Test
    void quotaMustBePositive() {
        ScenarioException e = error(with("priorityClass: research}", "priorityClass: research, quotaGpus: 0}"));

        assertThat(e.detail())
                .isEqualTo("field 'tenants[0].queues[0].quotaGpus': found 0, allowed an integer from 1 to 1000000000");
    }
}
