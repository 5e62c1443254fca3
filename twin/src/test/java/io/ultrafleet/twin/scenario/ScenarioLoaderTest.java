package io.ultrafleet.twin.scenario;

import static io.ultrafleet.twin.scenario.TestScenarios.load;
import static io.ultrafleet.twin.scenario.TestScenarios.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ArrivalSpec;
import io.ultrafleet.spec.ArrivalSpec.RateStep;
import io.ultrafleet.spec.BuiltInScenarios;
import io.ultrafleet.spec.DistributionSpec;
import io.ultrafleet.spec.Durations;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.FleetSpec.CpuRampStep;
import io.ultrafleet.spec.FleetSpec.DecommissionSpec;
import io.ultrafleet.spec.FleetSpec.DeliverySpec;
import io.ultrafleet.spec.FleetSpec.SiteSpec;
import io.ultrafleet.spec.OutputSpec;
import io.ultrafleet.spec.PriorityClassSpec;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioReader;
import io.ultrafleet.spec.TenantSpec;
import io.ultrafleet.spec.TenantSpec.QueueSpec;
import io.ultrafleet.spec.TopologySpec;
import io.ultrafleet.spec.TrainingSpec;
import io.ultrafleet.spec.TrainingSpec.GeneratorSpec;
import io.ultrafleet.spec.TrainingSpec.JobSpec;
import io.ultrafleet.workload.TopologyLevel;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private final ScenarioLoader loader = new ScenarioLoader(HardwareCatalogue.builtIn());

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static Path fixture(String name) {
        return Path.of("src/test/resources/scenarios", name);
    }

    @Test
    void loadsTheFullFixture() throws Exception {
        Scenario s = loader.load(fixture("full.yaml"));

        assertThat(s.name()).isEqualTo("full-example");
        assertThat(s.description()).isEqualTo("Every field, for the loader's tests.");
        assertThat(s.startMs()).isEqualTo(ms("2025-11-03T00:00:00Z"));
        assertThat(s.endMs()).as("a plain-date horizon is the end of that day").isEqualTo(ms("2028-01-01T00:00:00Z"));
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.priorityClasses())
                .containsExactly(
                        new PriorityClassSpec("production", 1000),
                        new PriorityClassSpec("training", 500),
                        new PriorityClassSpec("research", 100));
        assertThat(s.outputs().timeSeriesStepMs()).isEqualTo(15 * 60_000L);
    }

    @Test
    void fullFixtureFleet() throws Exception {
        FleetSpec fleet = loader.load(fixture("full.yaml")).fleet();

        assertThat(fleet.providers()).extracting(FleetSpec.ProviderSpec::name).containsExactly("aws", "oci");
        assertThat(fleet.providers().get(0).regions().get(0).sites()).containsExactly(new SiteSpec("iad", 32));
        assertThat(fleet.providers().get(0).regions().get(1).sites()).containsExactly(new SiteSpec("cmh", 16));
        assertThat(fleet.providers().get(1).regions().get(0).sites()).containsExactly(new SiteSpec("dfw", 64));
        assertThat(fleet.deliveries())
                .containsExactly(
                        new DeliverySpec(
                                "dfw", "gb200-nvl72", 256, ms("2025-11-03T00:00:00Z"), ms("2025-12-31T00:00:00Z")),
                        new DeliverySpec(
                                "iad", "h100-hgx8", 512, ms("2025-11-03T00:00:00Z"), ms("2025-11-03T00:00:00Z")));
        assertThat(fleet.decommissions())
                .containsExactly(new DecommissionSpec("iad", "h100-hgx8", 64, ms("2027-06-01T00:00:00Z")));
        assertThat(fleet.cpuPools()).hasSize(1);
        FleetSpec.CpuPoolSpec pool = fleet.cpuPools().get(0);
        assertThat(pool.name()).isEqualTo("agents-iad");
        assertThat(pool.site()).isEqualTo("iad");
        assertThat(pool.hostShape()).isEqualTo("c8g.48xlarge");
        assertThat(pool.ramp())
                .containsExactly(
                        new CpuRampStep(2600, ms("2025-11-03T00:00:00Z"), ms("2025-12-31T00:00:00Z")),
                        new CpuRampStep(400, ms("2026-03-01T06:00:00Z"), ms("2026-03-01T06:00:00Z")));
    }

    @Test
    void fullFixtureTenants() throws Exception {
        List<TenantSpec> tenants = loader.load(fixture("full.yaml")).tenants();

        assertThat(tenants).extracting(TenantSpec::name).containsExactly("frontier", "research");
        assertThat(tenants.get(0).queues()).containsExactly(new QueueSpec("pretrain", "training", 60000));
        assertThat(tenants.get(1).queues())
                .containsExactly(new QueueSpec("adhoc", "research", -1), new QueueSpec("serving", "production", -1));
    }

    @Test
    void fullFixtureTraining() throws Exception {
        Scenario s = loader.load(fixture("full.yaml"));
        List<GeneratorSpec> generators = s.training().generators();
        assertThat(generators).extracting(GeneratorSpec::name).containsExactly("research", "sweeps");

        GeneratorSpec research = generators.get(0);
        assertThat(research.queue()).isEqualTo("research/adhoc");
        assertThat(research.arrivals())
                .isEqualTo(new ArrivalSpec(
                        List.of(new RateStep(ms("2025-11-10T00:00:00Z"), 300)), ms("2027-06-30T00:00:00Z"), 1000));
        DistributionSpec.Choice gpus = (DistributionSpec.Choice) research.gpus();
        assertThat(gpus.values()).containsExactly(8, 64, 512);
        assertThat(gpus.weights()).containsExactly(6, 3, 1);
        assertThat(research.duration()).isEqualTo(new DistributionSpec.LogNormal(4 * HOUR, 1.2, 0, 7 * DAY));
        assertThat(research.topology()).isEqualTo(new TopologySpec(TopologyLevel.SITE, TopologyLevel.BLOCK));
        assertThat(research.models()).containsExactly("gb200-nvl72", "gb300-nvl72");

        GeneratorSpec sweeps = generators.get(1);
        assertThat(sweeps.arrivals().rates())
                .containsExactly(
                        new RateStep(ms("2025-11-03T00:00:00Z"), 100), new RateStep(ms("2026-06-01T12:00:00Z"), 2000));
        assertThat(sweeps.arrivals().endMs())
                .as("until defaults to the horizon")
                .isEqualTo(s.endMs());
        assertThat(sweeps.arrivals().maxJobs()).isEqualTo(-1);
        assertThat(sweeps.gpus()).isEqualTo(new DistributionSpec.Fixed(8));
        assertThat(sweeps.duration()).isEqualTo(new DistributionSpec.Fixed(90 * 60_000L));
        assertThat(sweeps.topology()).isEqualTo(TopologySpec.DEFAULT);
        assertThat(sweeps.models()).isEmpty();

        assertThat(s.training().jobs())
                .containsExactly(new JobSpec(
                        "frontier-1",
                        "frontier/pretrain",
                        ms("2025-12-01T00:00:00Z"),
                        9216,
                        60 * DAY,
                        new TopologySpec(TopologyLevel.SITE, TopologyLevel.BLOCK),
                        List.of("gb200-nvl72"),
                        TrainingSpec.RecoverySpec.DEFAULT));
    }

    @Test
    void minimalFixtureGetsDefaults() throws Exception {
        Scenario s = loader.load(fixture("minimal.yaml"));

        assertThat(s.description()).isEmpty();
        assertThat(s.seed()).isEqualTo(1);
        assertThat(s.endMs()).isEqualTo(ms("2026-02-01T00:00:00Z"));
        assertThat(s.priorityClasses()).isEqualTo(ScenarioReader.DEFAULT_PRIORITY_CLASSES);
        assertThat(s.priorityClasses())
                .extracting(PriorityClassSpec::name)
                .containsExactly("production", "training", "research", "best-effort");
        assertThat(s.fleet().providers().get(0).regions().get(0).sites())
                .containsExactly(new SiteSpec("rack-room", 32));
        assertThat(s.fleet().deliveries()).isEmpty();
        assertThat(s.fleet().decommissions()).isEmpty();
        assertThat(s.fleet().cpuPools()).isEmpty();
        assertThat(s.training().generators()).isEmpty();
        assertThat(s.training().jobs()).isEmpty();
        assertThat(s.outputs()).isEqualTo(OutputSpec.DEFAULT);
        assertThat(s.outputs().timeSeriesStepMs()).isEqualTo(HOUR);
    }

    @Test
    void datetimesAreExact() {
        Scenario s = load(with(
                "start: 2026-01-01\nhorizon: 2026-12-31",
                "start: 2026-01-01T06:30:00Z\nhorizon: 2026-12-31T18:00:00+02:00"));

        assertThat(s.startMs()).isEqualTo(ms("2026-01-01T06:30:00Z"));
        assertThat(s.endMs()).isEqualTo(ms("2026-12-31T16:00:00Z"));
    }

    @Test
    void perDayArrivalsStartAtTheScenarioStartByDefault() {
        GeneratorSpec gen = load(TestScenarios.BASE).training().generators().get(0);

        assertThat(gen.arrivals().rates()).containsExactly(new RateStep(ms("2026-01-01T00:00:00Z"), 10));
        assertThat(gen.arrivals().endMs()).isEqualTo(ms("2027-01-01T00:00:00Z"));
    }

    @Test
    void readsEveryDistributionForm() {
        String gpus = "gpus: {dist: uniform, min: 8, max: 64}";
        String duration = "duration: {dist: exponential, mean: 1.5h, min: 10m}";
        GeneratorSpec gen = load(with(with("gpus: 8", gpus), "duration: 6h", duration))
                .training()
                .generators()
                .get(0);
        assertThat(gen.gpus()).isEqualTo(new DistributionSpec.Uniform(8, 64));
        assertThat(gen.duration())
                .isEqualTo(new DistributionSpec.Exponential(1.5 * HOUR, 10 * 60_000, Durations.MAX_MS));

        gen = load(with(
                        with("gpus: 8", "gpus: {dist: fixed, value: 16}"),
                        "duration: 6h",
                        "duration: {dist: choice, values: [1h, 2d]}"))
                .training()
                .generators()
                .get(0);
        assertThat(gen.gpus()).isEqualTo(new DistributionSpec.Fixed(16));
        DistributionSpec.Choice choice = (DistributionSpec.Choice) gen.duration();
        assertThat(choice.values()).containsExactly(HOUR, 2 * DAY);
        assertThat(choice.weights()).as("equal weights by default").containsExactly(1, 1);

        gen = load(with("gpus: 8", "gpus: {dist: lognormal, median: 64, sigma: 0}"))
                .training()
                .generators()
                .get(0);
        assertThat(gen.gpus()).isEqualTo(new DistributionSpec.LogNormal(64, 0, 0, 10_000_000));
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolved() {
        String yaml = with(
                TestScenarios.BASE,
                "  deliveries:\n    - {site: dfw, model: gb200-nvl72, racks: 8, start: 2026-01-01, end: 2026-02-01}",
                "  deliveries:\n"
                        + "    - &gb200 {site: dfw, model: gb200-nvl72, racks: 8, start: 2026-01-01}\n"
                        + "    - {<<: *gb200, site: iad, racks: 4}\n"
                        + "    - *gb200");
        List<DeliverySpec> deliveries = load(yaml).fleet().deliveries();

        long jan1 = ms("2026-01-01T00:00:00Z");
        assertThat(deliveries)
                .containsExactly(
                        new DeliverySpec("dfw", "gb200-nvl72", 8, jan1, jan1),
                        new DeliverySpec("iad", "gb200-nvl72", 4, jan1, jan1),
                        new DeliverySpec("dfw", "gb200-nvl72", 8, jan1, jan1));
    }

    @Test
    void emptyOptionalValuesCountAsAbsent() {
        Scenario s = load(with("training:", "description:\noutputs:\ntraining:"));

        assertThat(s.description()).isEmpty();
        assertThat(s.outputs()).isEqualTo(OutputSpec.DEFAULT);
    }

    @Test
    void numbersMayUseUnderscores() {
        Scenario s = load(with("racks: 8,", "racks: 1_024,"));

        assertThat(s.fleet().deliveries().get(0).racks()).isEqualTo(1024);
    }

    @Test
    void errorsFromAFileCarryItsPath() {
        Path file = fixture("bad-racks.yaml");
        ScenarioException e = assertThrows(ScenarioException.class, () -> loader.load(file));

        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.getMessage())
                .isEqualTo(file
                        + ":13:46: field 'fleet.deliveries[0].racks': found -5, allowed an integer from 1 to 1000000");
    }

    @Test
    void theExampleInTheDocsLoads() throws Exception {
        String doc = Files.readString(Path.of("../docs/scenario.md"));
        String tail = doc.substring(doc.indexOf("## A complete small example"));
        String yaml =
                tail.substring(tail.indexOf("```yaml\n") + 8, tail.indexOf("```\n", tail.indexOf("```yaml\n") + 8));

        Scenario s = loader.load("docs/scenario.md", new StringReader(yaml));

        assertThat(s.name()).isEqualTo("small-lab");
        assertThat(s.fleet().deliveries()).hasSize(2);
        assertThat(s.training().generators().get(0).arrivals().rates()).hasSize(2);
        assertThat(s.training().jobs().get(0).durationMs()).isEqualTo(30 * DAY);
    }

    @Test
    void theBuiltInScenarioLoads() {
        Scenario s = loader.load(
                BuiltInScenarios.sourceName(BuiltInScenarios.defaultName()),
                new StringReader(
                        BuiltInScenarios.yaml(BuiltInScenarios.defaultName()).orElseThrow()));

        assertThat(s.name()).isEqualTo(BuiltInScenarios.defaultName());
    }
}
