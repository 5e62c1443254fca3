package io.ultrafleet.twin.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schema of {@code summary.json}, {@code docs/summary.schema.json}, as tests check summaries against it. */
public final class SummarySchema {
    private SummarySchema() {}

    /** Where the schema lives in the repository. */
    public static Path file() {
        return ProjectData.projectRoot().resolve("docs").resolve("summary.schema.json");
    }

    /** What is wrong with {@code summary} against the schema, one line each; empty when it conforms. */
    public static List<String> problems(JsonNode summary) throws IOException {
        try (InputStream in = Files.newInputStream(file())) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
            return schema.validate(summary).stream().map(Error::toString).toList();
        }
    }
}
