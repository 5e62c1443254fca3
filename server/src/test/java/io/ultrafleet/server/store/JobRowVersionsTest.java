package io.ultrafleet.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement of the server that updates job rows moves their version: a standby re-reads only the rows whose
 * version moved, so an update that left it would never reach a standby (nor the server that takes over from it).
 */
class JobRowVersionsTest {
    private static final Pattern UPDATE = Pattern.compile("UPDATE jobs SET.*?(WHERE|\"\\))", Pattern.DOTALL);

    @Test
    void everyUpdateOfJobRowsMovesTheirVersion() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(main)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        int updates = 0;
        for (Path p : sources) {
            String text = Files.readString(p).replace("\"\n", "").replaceAll("\\s*\\+\\s*\"", "");
            Matcher m = UPDATE.matcher(text);
            while (m.find()) {
                updates++;
                assertThat(m.group()).as("%s: %s", p, m.group()).contains("row_version = row_version + 1");
            }
        }
        assertThat(updates).as("updates of job rows found").isPositive();
    }
}
