package io.ultrafleet.cli;

import io.ultrafleet.spec.input.ErrorWords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What a command writes, made in a temporary folder beside its target and moved into place at the end, so that a
 * failed or interrupted command leaves the target as it was (the previous result, or nothing), never half of a new
 * one. The target is a folder ({@code simulate --out DIR}) or a file ({@code compare --out FILE}); an existing folder
 * keeps the files the command does not write.
 *
 * <p>Use: {@link #begin}, write into {@link #dir()} what the target should receive (the same names, folders
 * included), then {@link #commit()}; {@link #close()} removes the temporary folder if the commit did not happen.
 */
final class StagedOutput implements AutoCloseable {
    private static final String PREFIX = ".ultrafleet-";

    private final Path target;
    private final boolean file;
    private final Path staging;
    private final List<Path> createdParents;
    private final StopSignal stop;
    private boolean done;

    private StagedOutput(Path target, boolean file, Path staging, List<Path> createdParents, StopSignal stop) {
        this.target = target;
        this.file = file;
        this.staging = staging;
        this.createdParents = createdParents;
        this.stop = stop;
    }

    /**
     * Starts writing the folder {@code target}, given with {@code flag}: creates the temporary folder beside it, before
     * any work, so that a place where nothing can be written (a read-only file system, {@code /proc}) is refused at
     * once, as bad input named with the flag, and not after a long run.
     */
    static StagedOutput begin(String flag, Path target, StopSignal stop) {
        return begin(flag, target, false, stop);
    }

    /** As {@link #begin(String, Path, StopSignal)}, for the file {@code target}: made in a temporary folder beside it. */
    static StagedOutput beginFile(String flag, Path target, StopSignal stop) {
        return begin(flag, target, true, stop);
    }

    private static StagedOutput begin(String flag, Path target, boolean file, StopSignal stop) {
        try {
            return open(target, file, stop);
        } catch (Unwritable e) {
            throw new BadFlagException(flag, target.toString(), "cannot be written: " + e.getMessage());
        }
    }

    private static StagedOutput open(Path target, boolean file, StopSignal stop) throws Unwritable {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new Unwritable("it has no folder above it");
        }
        List<Path> created;
        try {
            created = createParents(parent);
        } catch (IOException e) {
            throw new Unwritable("its folder " + parent + " cannot be made (" + ErrorWords.of(e) + ")");
        }
        String name = abs.getFileName().toString();
        Path staging = parent.resolve(PREFIX + name + "-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            // named as the user named it: the temporary folder's name is ours
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException left) {
                    // not empty: something else was put there meanwhile; leave it
                }
            }
            String why = e instanceof AccessDeniedException
                    ? " (permission denied)"
                    : e instanceof FileSystemException f && f.getReason() != null
                            ? " (" + f.getReason().toLowerCase(Locale.ROOT) + ")"
                            : "";
            throw new Unwritable("nothing can be written in " + parent + why);
        }
        StagedOutput out = new StagedOutput(abs, file, staging, created, stop);
        stop.track(out);
        return out;
    }

    /** Why nothing can be written where the user asked, in the user's words. */
    private static final class Unwritable extends Exception {
        private static final long serialVersionUID = 1L;

        Unwritable(String why) {
            super(why, null, false, false);
        }
    }

    /** Where to write: a folder standing for the target folder, or, for a file, the file to write. */
    Path dir() {
        return file ? staging.resolve(target.getFileName()) : staging;
    }

    /** The target's own name, which what is written inside may need (a report calls a run by its folder's name). */
    String name() {
        return target.getFileName().toString();
    }

    /** The file to write, for a file target. */
    Path file() {
        return dir();
    }

    /** Moves what was written into the target; an existing target folder keeps what the command did not write. */
    synchronized void commit() throws IOException {
        if (done) {
            throw new IOException("the output was already removed");
        }
        if (file) {
            move(staging.resolve(target.getFileName()), target);
        } else if (!Files.exists(target)) {
            move(staging, target);
        } else {
            merge(staging, target);
        }
        done = true;
        deleteTree(staging);
        stop.untrack(this);
    }

    /** Removes what was written, and the folders made for it; the target is left as it was. */
    synchronized void abort() {
        if (done) {
            return;
        }
        done = true;
        deleteTree(staging);
        for (Path p : createdParents) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Not empty: something else was put there meanwhile; leave it.
            }
        }
        stop.untrack(this);
    }

    @Override
    public void close() {
        abort();
    }

    /** Moves every entry of {@code from} into the existing folder {@code into}, folders merged, files replaced. */
    private static void merge(Path from, Path into) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(from)) {
            s.forEach(entries::add);
        }
        entries.sort(null);
        for (Path e : entries) {
            Path dest = into.resolve(e.getFileName().toString());
            if (Files.isDirectory(e) && Files.isDirectory(dest)) {
                merge(e, dest);
            } else {
                if (Files.isDirectory(dest)) {
                    throw new IOException(dest + ": is a folder where a file is to be written");
                }
                move(e, dest);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Creates {@code dir} and its missing parents; returns those created, deepest first. */
    private static List<Path> createParents(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        Files.createDirectories(dir);
        return missing;
    }

    /** Deletes {@code root} and all below it, as far as it can. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            for (int i = paths.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(paths.get(i));
            }
        } catch (IOException | UncheckedIOException e) {
            // Best effort: what cannot be deleted stays, under its temporary name.
        }
    }
}
