package io.ultrafleet.spec.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole input file as text: at most a given number of bytes, which must be UTF-8. A larger file is refused before
 * it is read, so that a mistaken argument cannot fill the heap; bytes that are not UTF-8 are reported at their line and
 * column.
 */
public final class TextFile {
    private TextFile() {}

    /**
     * The text of {@code file}, without a leading byte order mark.
     *
     * @throws InputProblem if the file has more than {@code maxBytes} bytes or is not UTF-8
     * @throws IOException if it cannot be read
     */
    public static String read(Path file, int maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(size, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(bytes.length, maxBytes);
        }
        return decode(bytes);
    }

    /**
     * {@code bytes} as UTF-8 text, without a leading byte order mark.
     *
     * @throws InputProblem at the line and column of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw notUtf8(out.flip(), bytes[in.position()]);
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The message for text that is not UTF-8, at the line a streaming reader was reading. */
    public static InputProblem notUtf8(int line) {
        return new InputProblem(line, 0, "the file is not UTF-8 text here (save it as UTF-8)");
    }

    private static InputProblem notUtf8(CharBuffer before, byte bad) {
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
        return new InputProblem(
                line,
                column,
                String.format(
                        "the file is not UTF-8 text: found the byte 0x%02X, which UTF-8 does not allow here (save it"
                                + " as UTF-8)",
                        bad & 0xFF));
    }

    private static InputProblem tooLarge(long size, long maxBytes) {
        return new InputProblem(
                0,
                0,
                String.format(
                        "found a file of %,d bytes, allowed at most %,d bytes (%s)",
                        size, maxBytes, maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : (maxBytes >> 10) + " KiB"));
    }
}
