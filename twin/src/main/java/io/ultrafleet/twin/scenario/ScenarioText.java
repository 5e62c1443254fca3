package io.ultrafleet.twin.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a scenario file: at most {@link ScenarioLimits#MAX_FILE_BYTES} bytes of UTF-8. A file that is larger is
 * refused before it is read; bytes that are not UTF-8 are reported at their line and column.
 */
public final class ScenarioText {
    /** The longest run of characters without a space or line break. */
    static final int MAX_WORD = 65_536;

    private ScenarioText() {}

    /**
     * The text of {@code file}, which messages call {@code name}.
     *
     * @throws ScenarioException if the file is too large, cannot be read, or is not UTF-8
     */
    public static String read(Path file, String name) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > ScenarioLimits.MAX_FILE_BYTES) {
                throw tooLarge(name, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(ScenarioLimits.MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name, 1, 1, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(name, 1, 1, "", "cannot read the file: permission denied");
        } catch (IOException e) {
            throw new ScenarioException(name, 1, 1, "", "cannot read the file: " + e.getMessage());
        }
        if (bytes.length > ScenarioLimits.MAX_FILE_BYTES) {
            throw tooLarge(name, bytes.length);
        }
        return decode(bytes, name);
    }

    /**
     * {@code bytes} as UTF-8 text, without a leading byte order mark.
     *
     * @throws ScenarioException at the line and column of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw notUtf8(name, out.flip(), bytes[in.position()]);
        }
        decoder.flush(out);
        String text = out.flip().toString();
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        checkWords(text, name);
        return text;
    }

    /**
     * Refuses a run of more than {@link #MAX_WORD} characters without a space or line break: no field needs one, and
     * the YAML reader's time grows with the square of such a run's length.
     */
    static void checkWords(String text, String name) {
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

    private static ScenarioException notUtf8(String name, CharBuffer before, byte bad) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.get(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ScenarioException(
                name,
                line,
                column,
                "",
                String.format(
                        "the file is not UTF-8 text: found the byte 0x%02X, which UTF-8 does not allow here (save the"
                                + " file as UTF-8)",
                        bad & 0xFF));
    }

    private static ScenarioException tooLarge(String name, long size) {
        return new ScenarioException(
                name,
                1,
                1,
                "",
                String.format(
                        "found a file of %,d bytes, allowed a scenario of at most %,d bytes (%d MiB)",
                        size, ScenarioLimits.MAX_FILE_BYTES, ScenarioLimits.MAX_FILE_BYTES >> 20));
    }
}
