package io.ultrafleet.spec.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a UTF-8 file, one at a time, each at most a given length: a file without line breaks cannot fill the
 * heap, and bytes that are not UTF-8 are reported at their line. Lines end at {@code \n}, {@code \r\n} or {@code \r}.
 */
public final class LineReader implements Closeable {
    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int len;
    private boolean skipNewline;
    private int number;

    private LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** Opens {@code file}; lines longer than {@code maxChars} are refused. */
    public static LineReader open(Path file, int maxChars) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new LineReader(new InputStreamReader(Files.newInputStream(file), decoder), maxChars);
    }

    /** The number of the line last returned, from 1. */
    public int number() {
        return number;
    }

    /**
     * The next line without its line break, or null at the end of the file.
     *
     * @throws InputProblem if the line is too long or not UTF-8
     */
    public String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == len && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            char c = buf[pos++];
            if (skipNewline) {
                skipNewline = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                skipNewline = true;
                break;
            }
            if (line.length() == maxChars) {
                throw new InputProblem(
                        number + 1,
                        0,
                        String.format("found a line longer than %,d characters, allowed at most that", maxChars));
            }
            line.append(c);
        }
        number++;
        String s = line.toString();
        return number == 1 && s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private boolean fill() throws IOException {
        try {
            len = in.read(buf, 0, buf.length);
        } catch (CharacterCodingException e) {
            throw TextFile.notUtf8(number + 1);
        }
        pos = 0;
        if (len <= 0) {
            len = 0;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
