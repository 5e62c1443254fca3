package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The bad-input corpus: every case in {@code src/test/resources/bad-inputs/} (mistyped flags, edited scenarios, damaged
 * traces and run folders) is run through the command line, in process, and must end with its exit status and exactly
 * its lines on stderr, in the user's words: at most two lines, no Java names or stack traces, nothing on stdout for a
 * refusal, and nothing half-written. {@link BadInputCase} describes the case format.
 *
 * <p>To record the status and stderr of new or changed cases, run with {@code -Dcorpus.record=true}; review the
 * recorded lines before committing them.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-inputs");

    /** Words that show Java, not the user's input, leaking into a message. */
    private static final List<String> JAVA_WORDS =
            List.of("Exception", "java.", "javax.", "at io.", "picocli", "NullPointer", "Caused by", "\tat ", ".class");

    @TempDir
    Path tmp;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".case")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithItsStatusAndItsLines(Path file) throws IOException {
        BadInputCase c = BadInputCase.read(file);
        String files = CORPUS.resolve("files").toAbsolutePath().toString();
        String temp = tmp.toString();
        for (String s : c.setup()) {
            setUp(place(s, files, temp));
        }
        List<String> args = new ArrayList<>();
        for (String a : c.args()) {
            args.add(place(a, files, temp));
        }
        CliTest.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run(args));
        List<String> err = o.err()
                .lines()
                .map(l -> l.replace(files, "{files}").replace(temp, "{tmp}"))
                .toList();

        if (Boolean.getBoolean("corpus.record")) {
            String original = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, c.recorded(o.code(), err, original), StandardCharsets.UTF_8);
            return;
        }
        assertThat(o.code()).as("exit status; stderr: %s", o.err()).isEqualTo(c.status());
        assertThat(err).as("stderr lines").hasSize(c.stderr().size());
        for (int i = 0; i < err.size(); i++) {
            String want = c.stderr().get(i);
            if (want.startsWith(BadInputCase.PREFIX)) {
                assertThat(err.get(i)).startsWith(want.substring(BadInputCase.PREFIX.length()));
            } else {
                assertThat(err.get(i)).isEqualTo(want);
            }
        }
        assertThat(err).as("at most two lines on stderr").hasSizeLessThanOrEqualTo(2);
        for (String word : JAVA_WORDS) {
            assertThat(o.err()).as("stderr in the user's words").doesNotContain(word);
        }
        if (c.status() != 0) {
            assertThat(o.out()).as("stdout of a refusal").isEmpty();
        }
        for (String a : c.absent()) {
            assertThat(Path.of(place(a, files, temp))).as("left nothing behind").doesNotExist();
        }
        try (Stream<Path> left = Files.walk(tmp)) {
            assertThat(left.map(Path::toString))
                    .as("no temporary folders left")
                    .noneMatch(p -> p.contains(".ultrafleet-"));
        }
    }

    private static CliTest.Outcome run(List<String> args) {
        CommandLine cl = Main.commandLineFor(args.toArray(new String[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(new String[0]));
        return new CliTest.Outcome(code, out.toString(), err.toString());
    }

    private static String place(String s, String files, String temp) {
        return s.replace("{files}", files).replace("{tmp}", temp);
    }

    private static void setUp(String directive) throws IOException {
        String[] parts = directive.split(" ", 2);
        Path p = Path.of(parts[1]);
        switch (parts[0]) {
            case "mkdir" -> Files.createDirectories(p);
            case "file" -> {
                Files.createDirectories(p.getParent());
                Files.writeString(p, "");
            }
            default -> throw new IllegalArgumentException("unknown setup " + directive);
        }
    }
}
