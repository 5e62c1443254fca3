package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ultrafleet} launcher script, run in a folder laid out like a checkout, with a {@code java} and a {@code
 * mvnw} of its own that record how they were called: when it rebuilds the jar, how it makes, uses and gives up on its
 * class archive, and which JVM options it passes.
 */
class LauncherTest {
    private static final String[] MODULES = {"core", "spec", "twin", "report", "server", "cli", "bench"};

    @TempDir
    Path root;

    private Path bin;
    private Path log;
    private Path jar;

    @BeforeEach
    void layOut() throws IOException {
        Path launcher = Path.of("..", "ultrafleet").toAbsolutePath().normalize();
        assertThat(launcher).exists();
        Files.copy(launcher, root.resolve("ultrafleet"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve(".mvn"));
        for (String m : MODULES) {
            Files.createDirectories(root.resolve(m).resolve("src"));
            age(root.resolve(m).resolve("pom.xml"), 3600);
            age(root.resolve(m).resolve("src").resolve("Source.java"), 3600);
        }
        log = root.resolve("calls.log");
        jar = root.resolve("cli/target/ultrafleet.jar");
        Files.createDirectories(jar.getParent());
        Files.createDirectories(root.resolve("bench/target"));
        bin = Files.createDirectories(root.resolve("bin"));
        // A build: both jars written now.
        script(
                root.resolve("mvnw"),
                "echo \"mvnw $*\" >> '" + log + "'",
                "touch '" + jar + "' '" + root.resolve("bench/target/benchmarks.jar") + "'");
        // A JVM: lists two classes (one a lambda) when asked to, writes an archive when asked to dump one (unless
        // FAIL_DUMP is set), and otherwise only records the call.
        script(
                bin.resolve("java"),
                "echo \"java $*\" >> '" + log + "'",
                "for a in \"$@\"; do",
                "  case \"$a\" in",
                "    -XX:DumpLoadedClassList=*) printf 'a/B\\nc/D @lambda-proxy x\\n' > \"${a#*=}\" ;;",
                "    -XX:SharedClassListFile=*) cp \"${a#*=}\" '" + root.resolve("dumped.classes") + "' ;;",
                "  esac",
                "done",
                "for a in \"$@\"; do",
                "  if [ \"$a\" = -Xshare:dump ]; then",
                "    [ -n \"${FAIL_DUMP:-}\" ] && exit 1",
                "    for b in \"$@\"; do case \"$b\" in -XX:SharedArchiveFile=*) echo archive > \"${b#*=}\" ;; esac; done",
                "  fi",
                "done",
                "exit 0");
        age(root.resolve("pom.xml"), 3600);
        age(root.resolve(".mvn"), 3600);
        age(jar, 1800);
        age(root.resolve("bench/target/benchmarks.jar"), 1800);
    }

    @Test
    void aBuiltJarGetsAClassArchiveOnceAndEveryLaterRunUsesIt() throws Exception {
        Run first = launch(Map.of());
        assertThat(first.stderr).isEmpty();
        assertThat(first.calls).noneMatch(c -> c.startsWith("mvnw"));
        assertThat(first.calls).anyMatch(c -> c.contains("-XX:DumpLoadedClassList=") && c.contains("simulate"));
        assertThat(first.calls).anyMatch(c -> c.contains("-Xshare:dump"));
        assertThat(Files.readAllLines(root.resolve("dumped.classes"))).containsExactly("a/B"); // no lambda
        Path archive = onlyArchive();
        assertThat(first.last()).contains("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-jar " + jar);
        assertThat(first.last()).endsWith("scenario list");

        Run second = launch(Map.of());
        assertThat(second.calls).hasSize(1);
        assertThat(second.last()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aJarRebuiltAfterTheArchiveGetsANewOne() throws Exception {
        launch(Map.of());
        age(onlyArchive(), 900);
        age(jar, 600); // rebuilt after the archive was made
        Run again = launch(Map.of());
        assertThat(again.calls).anyMatch(c -> c.contains("-Xshare:dump"));
        assertThat(again.last()).contains("-XX:SharedArchiveFile=" + onlyArchive());
    }

    @Test
    void whereNoArchiveCanBeMadeItSaysSoOnceAndRunsWithout() throws Exception {
        Run first = launch(Map.of("FAIL_DUMP", "1"));
        assertThat(first.stderr).contains("could not make a class archive").hasLineCount(1);
        assertThat(first.last()).doesNotContain("SharedArchiveFile").endsWith("scenario list");
        assertThat(leftovers()).isEmpty();

        Run second = launch(Map.of("FAIL_DUMP", "1"));
        assertThat(second.stderr).isEmpty();
        assertThat(second.calls).hasSize(1);
        assertThat(second.last()).doesNotContain("SharedArchiveFile");
    }

    @Test
    void onlyTheBuildFilesAndTheModulesSourcesMakeItRebuild() throws Exception {
        Files.createDirectories(root.resolve("twin/.cifuzz-corpus"));
        age(root.resolve("twin/.cifuzz-corpus/input"), 600);
        age(root.resolve("README.md"), 600);
        assertThat(launch(Map.of()).calls).noneMatch(c -> c.startsWith("mvnw"));

        age(root.resolve("core/src/Source.java"), 600);
        Run rebuilt = launch(Map.of());
        assertThat(rebuilt.calls).anyMatch(c -> c.startsWith("mvnw") && c.contains("package"));
        assertThat(rebuilt.stderr).contains("building the jar");
        assertThat(launch(Map.of()).calls).noneMatch(c -> c.startsWith("mvnw"));
    }

    @Test
    void heapOptionsOfTheUserLeaveTheYoungGenerationCapOut() throws Exception {
        String plain = launch(Map.of()).last();
        assertThat(plain).contains("-XX:+UseParallelGC", "-XX:MaxNewSize=256m");
        String sized = launch(Map.of("ULTRAFLEET_JAVA_OPTS", "-Xmx1g")).last();
        assertThat(sized).contains("-Xmx1g").doesNotContain("MaxNewSize");
    }

    /** A server keeps the JVM's default collector, whose pauses stay short; batch commands get the throughput one. */
    @Test
    void serveKeepsTheDefaultCollector() throws Exception {
        String serve = launch(Map.of(), "serve", "--help").last();
        assertThat(serve)
                .contains(" serve --help")
                .doesNotContain("UseParallelGC")
                .doesNotContain("MaxNewSize");
    }

    /** The run that lists the classes for the archive must be a command that runs (the default scenario may move). */
    @Test
    void theArchivesTrainingRunIsACommandThatRuns() throws IOException {
        String script = Files.readString(Path.of("..", "ultrafleet"));
        Matcher m = Pattern.compile("DumpLoadedClassList[^\\n]*\\n\\s*(simulate [^>]*)>")
                .matcher(script);
        assertThat(m.find()).as("the training run in the launcher").isTrue();
        String[] args = m.group(1).trim().split("\\s+");
        assertThat(args).contains("--until");
        CliTest.Outcome o = CliTest.run(args);
        assertThat(o.code()).as(String.join(" ", args) + ": " + o.err()).isZero();
    }

    private record Run(List<String> calls, String stderr) {
        String last() {
            return calls.get(calls.size() - 1);
        }
    }

    private Run launch(Map<String, String> env) throws Exception {
        return launch(env, "scenario", "list");
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(log);
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", root.resolve("ultrafleet").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("ULTRAFLEET_JAVA_OPTS");
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path err = root.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isZero();
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(calls, Files.readString(err).strip());
    }

    private Path onlyArchive() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("cli/target/cds"))) {
            List<Path> archives = s.filter(f -> f.toString().endsWith(".jsa")).toList();
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    private List<Path> leftovers() throws IOException {
        Path dir = root.resolve("cli/target/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(f -> f.getFileName().toString().startsWith(".making"))
                    .toList());
        }
    }

    /** Writes {@code file} if it is missing, and dates it {@code seconds} ago. */
    private static void age(Path file, long seconds) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, "", StandardCharsets.UTF_8);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - seconds * 1000));
    }

    private static void script(Path file, String... lines) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
