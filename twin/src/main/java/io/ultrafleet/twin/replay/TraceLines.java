package io.ultrafleet.twin.replay;

import io.ultrafleet.spec.input.ErrorWords;
import io.ultrafleet.spec.input.InputProblem;
import io.ultrafleet.spec.input.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The lines of a trace file, each handed on with its number: at most a given count of lines, each at most a given
 * length, UTF-8. Every problem with the file itself (missing, a folder, unreadable, not UTF-8, too long) becomes the
 * reader's own {@link TraceFileException}, naming the file and, where it helps, the line.
 */
public final class TraceLines {
    /** Makes a reader's own exception. */
    public interface Errors {
        TraceFileException at(String file, int line, String field, String detail);
    }

    /** Takes one line. */
    public interface Consumer {
        void accept(String text, int number);
    }

    private TraceLines() {}

    /**
     * Passes every line of {@code path} to {@code lines}, blank ones included.
     *
     * @param maxChars the longest line allowed
     * @param maxLines the most lines allowed
     */
    public static void forEach(Path path, int maxChars, long maxLines, Errors errors, Consumer lines) {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw errors.at(file, 0, "", "is a folder, not a trace file");
        }
        try (LineReader in = LineReader.open(path, maxChars)) {
            String line;
            while ((line = in.next()) != null) {
                if (in.number() > maxLines) {
                    throw errors.at(
                            file,
                            in.number(),
                            "",
                            String.format("found more than %,d lines, allowed at most that many", maxLines));
                }
                lines.accept(line, in.number());
            }
        } catch (InputProblem p) {
            throw errors.at(file, p.line(), "", p.detail());
        } catch (NoSuchFileException e) {
            throw errors.at(file, 0, "", "no such file");
        } catch (IOException e) {
            throw errors.at(file, 0, "", "cannot read: " + ErrorWords.of(e));
        }
    }
}
