package io.ultrafleet.spec.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** A file system problem in the user's words: what happened to which file, without Java's names for it. */
public final class ErrorWords {
    private ErrorWords() {}

    /** {@code e} as a short phrase, such as {@code permission denied} or {@code runs/x: no such file or folder}. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + ": not a folder";
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "cannot be read or written" : f.getReason();
            return (f.getFile() == null ? "" : f.getFile() + ": ") + reason;
        }
        if (e instanceof CharacterCodingException) {
            return "the file is not UTF-8 text (save it as UTF-8)";
        }
        String m = e.getMessage();
        return m == null || m.isBlank()
                ? "an input or output error"
                : m.lines().findFirst().orElse(m);
    }
}
