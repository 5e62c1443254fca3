package io.ultrafleet.twin.testdata;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the public traces and published tables: {@code $ULTRAFLEET_SHARED_DATA}, else
 * {@code ../shared/data} beside the project root. A missing file fails the test loudly; it never skips.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared data directory, which must exist. */
    public static Path dir() {
        String env = System.getenv("ULTRAFLEET_SHARED_DATA");
        Path dir = env != null && !env.isBlank()
                ? Path.of(env)
                : projectRoot().resolve("..").resolve("shared").resolve("data").normalize();
        if (!Files.isDirectory(dir)) {
            fail("shared data not found at " + dir + " (put it at ../shared/data beside the project root, or set"
                    + " ULTRAFLEET_SHARED_DATA to its directory)");
        }
        return dir;
    }

    /** A file or folder under the shared data directory, which must exist. */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            fail("shared data file not found: " + p + " (the shared data at " + dir() + " is incomplete)");
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
