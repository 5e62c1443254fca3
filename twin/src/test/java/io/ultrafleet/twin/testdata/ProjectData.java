package io.ultrafleet.twin.testdata;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the public traces and published tables: the repository's own {@code data/} folder (see {@code
 * data/README.md}). A missing file fails the test loudly; it never skips.
 */
public final class ProjectData {
    private ProjectData() {}

    /** The repository's data folder, which must exist. */
    public static Path dir() {
        Path dir = projectRoot().resolve("data");
        if (!Files.isDirectory(dir)) {
            fail("data folder not found at " + dir + " (it is part of the repository: is the clone complete?)");
        }
        return dir;
    }

    /** A file or folder under the data folder, which must exist. */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            fail("data file not found: " + p + " (data/MANIFEST.sha256 lists what the repository carries)");
        }
        return p;
    }

    /** The project root: the first directory upwards from the module's basedir that holds {@code mvnw}. */
    public static Path projectRoot() {
        String basedir = System.getProperty("basedir");
        Path dir = basedir != null
                ? Path.of(basedir).toAbsolutePath()
                : Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("twin"))) {
                return p;
            }
        }
        return dir.getParent() != null ? dir.getParent() : dir;
    }
}
