package io.ultrafleet.spec;

import io.ultrafleet.spec.input.InputProblem;
import io.ultrafleet.spec.input.TextFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a scenario file: at most {@link ScenarioLimits#MAX_FILE_BYTES} bytes of UTF-8. A file that is larger is
 * refused before it is read; bytes that are not UTF-8 are reported at their line and column.
 */
public final class ScenarioText {
    /** The longest run of characters without a space or line break. */
    public static final int MAX_WORD = 65_536;

    private ScenarioText() {}

    /**
     * The text of {@code file}, which messages call {@code name}.
     *
     * @throws ScenarioException if the file is too large, cannot be read, or is not UTF-8
     */
    public static String read(Path file, String name) {
        String text;
        try {
            text = TextFile.read(file, ScenarioLimits.MAX_FILE_BYTES);
        } catch (InputProblem p) {
            throw at(name, p);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name, 1, 1, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(name, 1, 1, "", "cannot read the file: permission denied");
        } catch (IOException e) {
            throw new ScenarioException(name, 1, 1, "", "cannot read the file: " + e.getMessage());
        }
        checkWords(text, name);
        return text;
    }

    /**
     * {@code bytes} as UTF-8 text, without a leading byte order mark.
     *
     * @throws ScenarioException at the line and column of the first byte that is not UTF-8, or of a word too long
     */
    public static String decode(byte[] bytes, String name) {
        if (bytes.length > ScenarioLimits.MAX_FILE_BYTES) {
            throw at(
                    name,
                    new InputProblem(
                            0,
                            0,
                            "found " + bytes.length + " bytes, allowed a scenario of at most "
                                    + ScenarioLimits.MAX_FILE_BYTES));
        }
        String text;
        try {
            text = TextFile.decode(bytes);
        } catch (InputProblem p) {
            throw at(name, p);
        }
        checkWords(text, name);
        return text;
    }

    private static ScenarioException at(String name, InputProblem p) {
        return new ScenarioException(name, Math.max(1, p.line()), Math.max(1, p.column()), "", p.detail());
    }

    /**
     * Refuses a run of more than {@link #MAX_WORD} characters without a space or line break: no field needs one, and
     * the YAML reader's time grows with the square of such a run's length.
     */
    public static void checkWords(String text, String name) {
        int line = 1;
        int lineStart = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                run = 0;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                run = 0;
            } else if (++run > MAX_WORD) {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                throw new ScenarioException(
                        name,
                        line,
                        i - run + 2 - lineStart,
                        "",
                        String.format(
                                "found %,d characters without a space, allowed at most %,d (no field needs more)",
                                end - (i - run + 1), MAX_WORD));
            }
        }
    }
}
