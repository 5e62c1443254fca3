package io.ultrafleet.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, before any work, that a command can write where it is told to: a folder that exists or can be created, in
 * which each file the command writes can be put; or a file that can be written. A problem is bad input (exit status
 * 2), named with the flag.
 */
final class OutputChecks {
    private OutputChecks() {}

    /**
     * A folder target: {@code dir} is a folder, or nothing (then it can be created). {@code files} are the paths the
     * command writes in it, relative to it ({@code rep-42/summary.json}; a path ending in {@code /} is a folder).
     */
    static void folder(String flag, Path dir, List<String> files) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) || Files.isSymbolicLink(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new BadFlagException(
                        flag, dir.toString(), "is a file, not a folder (give a folder to write the" + " results into)");
            }
            requireWritable(flag, dir, abs);
            for (String name : files) {
                conflict(flag, dir, abs, name);
            }
        }
        creatable(flag, dir, abs);
    }

    /**
     * Refuses a file where {@code name} (a path relative to the folder, ending in {@code /} for a folder) needs a
     * folder on its way, and a folder where it is a file.
     */
    private static void conflict(String flag, Path dir, Path abs, String name) {
        boolean wantsFolder = name.endsWith("/");
        String[] parts = name.split("/");
        Path p = abs;
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            p = p.resolve(parts[i]);
            shown.append(i == 0 ? "" : "/").append(parts[i]);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            boolean folderHere = i < parts.length - 1 || wantsFolder;
            if (folderHere && !Files.isDirectory(p)) {
                throw new BadFlagException(
                        flag,
                        dir.toString(),
                        "holds a file " + shown + " where ultrafleet writes a folder of that name (move it away)");
            }
            if (!folderHere && Files.isDirectory(p)) {
                throw new BadFlagException(
                        flag,
                        dir.toString(),
                        "holds a folder " + shown + " where ultrafleet writes a file of that name (move it away)");
            }
        }
    }

    /** A file target: {@code file} is a file, or nothing, and its folder exists or can be created. */
    static void file(String flag, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new BadFlagException(
                    flag,
                    file.toString(),
                    "is a folder; give the file to write, such as " + file.resolve("compare.html"));
        }
        if (abs.getParent() == null) {
            throw new BadFlagException(flag, file.toString(), "is not a file name");
        }
        creatable(flag, file, abs);
    }

    /**
     * The nearest existing folder above {@code abs} must be a folder one may write in: then {@code abs} and its
     * temporary twin can be made beside each other.
     */
    private static void creatable(String flag, Path given, Path abs) {
        Path parent = abs.getParent();
        if (parent == null) {
            throw new BadFlagException(flag, given.toString(), "cannot be written: it has no folder above it");
        }
        Path p = parent;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new BadFlagException(flag, given.toString(), "cannot be written: none of its folders exists");
        }
        if (!Files.isDirectory(p)) {
            throw new BadFlagException(
                    flag, given.toString(), "is under " + p + ", which is a file, so nothing can be written there");
        }
        requireWritable(flag, given, p);
    }

    private static void requireWritable(String flag, Path given, Path folder) {
        if (!Files.isWritable(folder)) {
            throw new BadFlagException(
                    flag, given.toString(), "cannot be written: no permission to write in " + folder);
        }
    }
}
