package io.ultrafleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command writes appears whole at the end, or not at all, and what it does not write is kept. */
class StagedOutputTest {
    @TempDir
    Path tmp;

    private final StopSignal stop = new StopSignal();

    @Test
    void aNewFolderAppearsOnlyAtTheCommit() throws IOException {
        Path out = tmp.resolve("a/b/run");
        try (StagedOutput s = StagedOutput.begin("--out", out, stop)) {
            Files.writeString(s.dir().resolve("summary.json"), "{}");
            Files.createDirectories(s.dir().resolve("rep-1"));
            Files.writeString(s.dir().resolve("rep-1/report.html"), "<html>");
            assertThat(out).doesNotExist();
            s.commit();
        }
        assertThat(out.resolve("summary.json")).hasContent("{}");
        assertThat(out.resolve("rep-1/report.html")).hasContent("<html>");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFolderThatCannotBeMadeIsBadInputNamedAsTheUserNamedIt() {
        // /proc takes no new folders, for root or anyone else: the temporary folder's name must not show
        Path out = Path.of("/proc/ultrafleet-out");
        assertThatThrownBy(() -> StagedOutput.begin("--out", out, stop))
                .isInstanceOf(BadFlagException.class)
                .hasMessageStartingWith(
                        "--out: '/proc/ultrafleet-out' cannot be written: nothing can be written in /proc")
                .hasMessageNotContaining(".tmp");
        assertThatThrownBy(() -> StagedOutput.begin("--out", Path.of("/proc/ultrafleet-a/b/run"), stop))
                .isInstanceOf(BadFlagException.class)
                .hasMessage(
                        "--out: '/proc/ultrafleet-a/b/run' cannot be written: its folder /proc/ultrafleet-a/b cannot"
                                + " be made (/proc/ultrafleet-a: no such file or folder)");
        assertThatThrownBy(() -> StagedOutput.beginFile("--out", Path.of("/proc/ultrafleet-compare.html"), stop))
                .isInstanceOf(BadFlagException.class)
                .hasMessageStartingWith("--out: '/proc/ultrafleet-compare.html' cannot be written: nothing can be"
                        + " written in /proc");
    }

    @Test
    void anExistingFolderGetsTheNewFilesAndKeepsTheOthers() throws IOException {
        Path out = tmp.resolve("run");
        Files.createDirectories(out.resolve("rep-1"));
        Files.writeString(out.resolve("summary.json"), "old");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("rep-1/extra.txt"), "mine too");
        try (StagedOutput s = StagedOutput.begin("--out", out, stop)) {
            Files.writeString(s.dir().resolve("summary.json"), "new");
            Files.createDirectories(s.dir().resolve("rep-1"));
            Files.writeString(s.dir().resolve("rep-1/summary.json"), "rep");
            s.commit();
        }
        assertThat(out.resolve("summary.json")).hasContent("new");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
        assertThat(out.resolve("rep-1/extra.txt")).hasContent("mine too");
        assertThat(out.resolve("rep-1/summary.json")).hasContent("rep");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void withoutACommitThePreviousResultStaysAndNothingIsLeft() throws IOException {
        Path out = tmp.resolve("run");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "previous");
        try (StagedOutput s = StagedOutput.begin("--out", out, stop)) {
            Files.writeString(s.dir().resolve("summary.json"), "half");
        }
        assertThat(out.resolve("summary.json")).hasContent("previous");
        assertThat(leftovers()).isEmpty();

        Path fresh = tmp.resolve("x/y/new");
        try (StagedOutput s = StagedOutput.begin("--out", fresh, stop)) {
            Files.writeString(s.dir().resolve("summary.json"), "half");
        }
        assertThat(tmp.resolve("x"))
                .as("folders made for the output are removed")
                .doesNotExist();
    }

    @Test
    void aFileTargetIsMovedIntoPlace() throws IOException {
        Path file = tmp.resolve("cmp/compare.html");
        try (StagedOutput s = StagedOutput.beginFile("--out", file, stop)) {
            Files.writeString(s.file(), "<html>");
            assertThat(file).doesNotExist();
            s.commit();
        }
        assertThat(file).hasContent("<html>");
        assertThat(leftovers()).isEmpty();
    }

    private Stream<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".ultrafleet-")).toList().stream();
        }
    }
}
