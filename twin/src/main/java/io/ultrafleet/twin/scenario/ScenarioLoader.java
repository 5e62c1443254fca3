package io.ultrafleet.twin.scenario;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.FieldOverride;
import io.ultrafleet.spec.FleetSpec;
import io.ultrafleet.spec.MappingReader;
import io.ultrafleet.spec.ScenarioException;
import io.ultrafleet.spec.ScenarioReader;
import io.ultrafleet.spec.ScenarioSpec;
import io.ultrafleet.spec.ScenarioText;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a scenario file ({@code apiVersion: ultrafleet/v1}, described in {@code docs/scenario.md}) into a validated
 * {@link Scenario}: the common sections through the format's {@link ScenarioReader}, then the twin's own (reliability,
 * inference, agents, contracts, overflow, energy; {@code docs/scenario-twin.md}). The first problem found is thrown as
 * a {@link ScenarioException} naming the file, line, column and field.
 */
public final class ScenarioLoader {
    /** The only {@code apiVersion} this loader reads. */
    public static final String API_VERSION = ScenarioReader.API_VERSION;

    private final HardwareCatalogue catalogue;
    private final ScenarioReader reader;

    /** @param catalogue the hardware models and host shapes that scenarios may name */
    public ScenarioLoader(HardwareCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.reader = new ScenarioReader(catalogue);
    }

    /**
     * Parses and validates a scenario.
     *
     * @param sourceName what errors call the file: a path, or {@code builtin:NAME}
     * @throws ScenarioException at the first problem found
     */
    public Scenario load(String sourceName, Reader yaml) throws ScenarioException {
        return load(sourceName, yaml, List.of());
    }

    /**
     * Parses a scenario with some fields set from outside it ({@link FieldOverride}), then validates it: a bad path or
     * value is reported as the same field written in the file would be.
     *
     * @param sourceName what errors call the file: a path, or {@code builtin:NAME}
     * @throws ScenarioException at the first problem found
     */
    public Scenario load(String sourceName, Reader yaml, List<FieldOverride> overrides) throws ScenarioException {
        ScenarioReader.Read read = reader.read(sourceName, yaml, overrides);
        ScenarioSpec spec = read.spec();
        HardwareCatalogue models = read.catalogue();
        MappingReader m = read.document();
        long startMs = spec.startMs();
        FleetSpec fleet = spec.fleet();
        ReliabilitySpec reliability = m.optional("reliability")
                .map(f -> ReliabilityReader.read(f, models))
                .orElse(ReliabilitySpec.OFF);
        InferenceSpec inference = m.optional("inference")
                .map(f -> new InferenceReader(read.queueNames(), read.siteNames(), startMs).read(f))
                .orElse(InferenceSpec.NONE);
        List<String> serviceNames = inference.services().stream()
                .map(InferenceSpec.ServiceSpec::name)
                .toList();
        List<String> poolNames =
                fleet.cpuPools().stream().map(FleetSpec.CpuPoolSpec::name).toList();
        AgentsSpec agents = m.optional("agents")
                .map(f -> new AgentsReader(read.queueNames(), poolNames, serviceNames, startMs).read(f))
                .orElse(AgentsSpec.NONE);
        CostSpec costs = new ContractsReader(models, fleet).read(m);
        EnergySpec energy = m.optional("energy")
                .map(f -> EnergyReader.read(f, models, read.siteNames()))
                .orElse(EnergySpec.DEFAULT);
        return new Scenario(spec, reliability, inference, agents, costs, energy);
    }

    /**
     * Parses and validates the scenario in {@code file} (UTF-8); errors call it by {@code file} as given.
     *
     * @throws ScenarioException at the first problem found
     * @throws IOException if the file cannot be read
     */
    public Scenario load(Path file) throws ScenarioException, IOException {
        return load(file.toString(), new StringReader(ScenarioText.read(file, file.toString())));
    }
}
