package io.ultrafleet.report;

import io.ultrafleet.fleet.HardwareCatalogue;
import io.ultrafleet.spec.ScenarioText;
import io.ultrafleet.spec.YamlNodes;
import io.ultrafleet.twin.output.RunOutputs;
import io.ultrafleet.twin.scenario.Scenario;
import io.ultrafleet.twin.scenario.ScenarioLoader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A run's output directory as written by {@code simulate --out}: {@code summary.json} (required), {@code
 * timeseries.csv} and {@code scenario.yaml} (each optional: what is missing shows as a note in the report).
 *
 * @param label what the report calls the run: the directory's name
 * @param summary the summary, as read
 * @param series the time series, or null without {@code timeseries.csv}
 * @param scenarioYaml the scenario's text, or null without {@code scenario.yaml}
 * @param scenario the scenario, validated, or null without {@code scenario.yaml}
 * @param scenarioSections the top-level keys of the scenario file, in file order
 */
record RunDirectory(
        Path dir,
        String label,
        Map<String, Object> summary,
        SeriesTable series,
        String scenarioYaml,
        Scenario scenario,
        List<String> scenarioSections) {

    /** The copy of the scenario that {@code simulate --out} writes beside the outputs. */
    static final String SCENARIO = "scenario.yaml";

    /**
     * Reads a run directory.
     *
     * @throws ReportInputException if the directory or its summary is missing or malformed
     * @throws io.ultrafleet.spec.ScenarioException if its scenario.yaml is not a valid scenario
     */
    @SuppressWarnings("unchecked")
    static RunDirectory read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": no such directory (expected a run directory written by"
                    + " `ultrafleet simulate --out DIR`)");
        }
        Path summaryFile = dir.resolve(RunOutputs.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            throw new ReportInputException(dir + ": no " + RunOutputs.SUMMARY + " (expected a run directory written by"
                    + " `ultrafleet simulate --out DIR`)");
        }
        Object summary = JsonTree.parse(summaryFile.toString(), JsonTree.readText(summaryFile));
        if (!(summary instanceof Map<?, ?> map)
                || !(map.get("schema") instanceof String schema)
                || !schema.startsWith("ultrafleet.summary/")) {
            throw new ReportInputException(
                    summaryFile + ": expected a JSON object with \"schema\": \"ultrafleet.summary/v1\"");
        }
        Path seriesFile = dir.resolve(RunOutputs.TIME_SERIES);
        SeriesTable series = Files.isRegularFile(seriesFile) ? SeriesTable.read(seriesFile) : null;
        Path scenarioFile = dir.resolve(SCENARIO);
        String yaml = null;
        Scenario scenario = null;
        List<String> sections = List.of();
        if (Files.isRegularFile(scenarioFile)) {
            yaml = ScenarioText.read(scenarioFile, scenarioFile.toString());
            scenario = new ScenarioLoader(HardwareCatalogue.builtIn())
                    .load(scenarioFile.toString(), new StringReader(yaml));
            sections = topLevelKeys(scenarioFile.toString(), yaml);
        }
        return new RunDirectory(dir, label(dir), (Map<String, Object>) map, series, yaml, scenario, sections);
    }

    /** What a report calls the run in {@code dir}: the folder's name. */
    static String label(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    /** The same run under another label. */
    RunDirectory withLabel(String newLabel) {
        return new RunDirectory(dir, newLabel, summary, series, scenarioYaml, scenario, scenarioSections);
    }

    /** The top-level keys of a scenario file the loader has read (so its YAML is sound), in file order. */
    private static List<String> topLevelKeys(String source, String yaml) {
        Node root = YamlNodes.composeAny(source, new StringReader(yaml));
        List<String> keys = new ArrayList<>();
        if (root instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    keys.add(k.getValue());
                }
            }
        }
        return keys;
    }
}
