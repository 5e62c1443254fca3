package io.ultrafleet.spec;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.fleet.HardwareModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario's {@code hardwareModels}: models beyond the built-in catalogue, such as the placeholder nodes of
 * the Slurm lab or a real cluster's own hardware. A node (Slurm's unit of a job) is the model's unit; a rack (NVLink
 * domain) holds {@code nodesPerRack} of them.
 */
public final class HardwareModelsReader {
    public static final List<String> KEYS =
            List.of("name", "accelerator", "gpusPerNode", "nodesPerRack", "vcpusPerNode", "memoryMibPerNode");

    private HardwareModelsReader() {}

    /** {@code catalogue} with the models of the scenario's {@code hardwareModels}, if it has any. */
    static HardwareCatalogue extend(HardwareCatalogue catalogue, MappingReader scenario) {
        if (!scenario.has("hardwareModels")) {
            return catalogue;
        }
        List<HardwareModel> models = new ArrayList<>();
        UniqueNames names = new UniqueNames("hardware model");
        for (FieldReader f : scenario.list("hardwareModels", 1, "a list of hardware models")) {
            MappingReader m = f.mapping("a hardware model mapping with " + String.join(", ", KEYS), KEYS);
            String name = m.name("name");
            FieldReader nameField = m.required("name", FieldReader.NAME_SYNTAX);
            names.add(name, nameField);
            if (catalogue.model(name).isPresent()) {
                throw nameField.fail(
                        "a name that is not a built-in model (" + String.join(", ", catalogue.modelNames()) + ")");
            }
            String accelerator = m.required("accelerator", "text").text("text");
            int gpus = m.intIn("gpusPerNode", 1, 64);
            int nodes = m.intIn("nodesPerRack", 1, 64);
            int vcpus = m.intIn("vcpusPerNode", 1, 100_000, 1);
            m.integer("memoryMibPerNode", 1, 1L << 40, 1);
            models.add(new HardwareModel(name, accelerator, gpus, nodes, 0, vcpus, 0, 0));
        }
        return catalogue.with(models);
    }
}
