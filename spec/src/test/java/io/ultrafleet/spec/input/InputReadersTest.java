package io.ultrafleet.spec.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files and lines read within their limits, with problems at their line. */
class InputReadersTest {
    @TempDir
    Path tmp;

    @Test
    void aFileLargerThanItsLimitIsRefusedBeforeItIsRead() throws IOException {
        Path f = tmp.resolve("big.txt");
        Files.write(f, new byte[5000]);
        assertThatThrownBy(() -> TextFile.read(f, 4096))
                .isInstanceOf(InputProblem.class)
                .hasMessage("found a file of 5,000 bytes, allowed at most 4,096 bytes (4 KiB)");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedAtTheirLineAndColumn() {
        byte[] latin1 = "a: 1\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TextFile.decode(latin1))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(10);
                })
                .hasMessageContaining("not UTF-8")
                .hasMessageContaining("0xE9");
        assertThat(TextFile.decode("\uFEFFok".getBytes(StandardCharsets.UTF_8))).isEqualTo("ok");
    }

    @Test
    void linesEndAtEveryKindOfBreakAndALineTooLongStopsTheRead() throws IOException {
        Path f = tmp.resolve("lines.txt");
        Files.writeString(f, "\uFEFFone\r\ntwo\rthree\n\nfour");
        List<String> lines = new ArrayList<>();
        try (LineReader r = LineReader.open(f, 10)) {
            String l;
            while ((l = r.next()) != null) {
                lines.add(r.number() + ":" + l);
            }
        }
        assertThat(lines).containsExactly("1:one", "2:two", "3:three", "4:", "5:four");

        Files.writeString(f, "ok\n" + "x".repeat(11) + "\n");
        assertThatThrownBy(() -> {
                    try (LineReader r = LineReader.open(f, 10)) {
                        while (r.next() != null) {
                            // read on
                        }
                    }
                })
                .isInstanceOfSatisfying(
                        InputProblem.class, p -> assertThat(p.line()).isEqualTo(2))
                .hasMessage("found a line longer than 10 characters, allowed at most that");
    }

    @Test
    void aStreamedFileThatIsNotUtf8SaysSoAtItsLine() throws IOException {
        Path f = tmp.resolve("latin1.csv");
        Files.write(f, "a,b\n1,2\nx,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> {
                    try (LineReader r = LineReader.open(f, 100)) {
                        while (r.next() != null) {
                            // read on
                        }
                    }
                })
                .isInstanceOf(InputProblem.class)
                .hasMessageContaining("not UTF-8");
    }
}
