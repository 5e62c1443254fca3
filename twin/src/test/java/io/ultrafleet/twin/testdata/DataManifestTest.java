package io.ultrafleet.twin.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code data/} folder is what {@code data/MANIFEST.sha256} says: every file listed, with its
 * checksum; nothing unlisted but the notes; each file under 10 MiB; each data set with its {@code SOURCE.md}.
 */
class DataManifestTest {
    private static final long MAX_BYTES = 10L * 1024 * 1024;

    @Test
    void everyDataFileIsListedWithItsChecksum() throws IOException {
        Path data = ProjectData.dir();
        Map<String, String> listed = manifest(data.resolve("MANIFEST.sha256"));
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile)
                    .map(p -> data.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !isNote(name))
                    .forEach(present::add);
        }
        assertThat(present)
                .as("files in data/ against MANIFEST.sha256")
                .containsExactlyInAnyOrderElementsOf(listed.keySet());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : listed.entrySet()) {
            Path file = data.resolve(e.getKey());
            if (Files.size(file) > MAX_BYTES) {
                wrong.add(e.getKey() + " is over 10 MiB");
            }
            String sha = sha256(file);
            if (!sha.equals(e.getValue())) {
                wrong.add(e.getKey() + " has SHA-256 " + sha + ", the manifest says " + e.getValue());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyDataSetSaysWhereItComesFrom() throws IOException {
        Path data = ProjectData.dir();
        List<String> without = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(data)) {
            dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().equals("licenses"))
                    .filter(d -> !Files.isRegularFile(d.resolve("SOURCE.md")))
                    .forEach(d -> without.add(d.getFileName().toString()));
        }
        assertThat(without).as("data sets without a SOURCE.md").isEmpty();
        String readme = Files.readString(data.resolve("README.md"), StandardCharsets.UTF_8);
        try (Stream<Path> dirs = Files.list(data)) {
            dirs.filter(Files::isDirectory)
                    .map(d -> "`" + d.getFileName() + "`")
                    .forEach(name -> assertThat(readme)
                            .as("data/README.md names " + name)
                            .contains(name));
        }
    }

    private static boolean isNote(String name) {
        return name.equals("MANIFEST.sha256") || name.equals("README.md") || name.endsWith("/SOURCE.md");
    }

    private static Map<String, String> manifest(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int gap = line.indexOf("  ");
            assertThat(gap)
                    .as("MANIFEST.sha256 line '%s' is 'SHA256  PATH'", line)
                    .isEqualTo(64);
            out.put(line.substring(gap + 2), line.substring(0, gap));
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
