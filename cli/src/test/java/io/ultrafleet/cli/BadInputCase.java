package io.ultrafleet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the bad-input corpus ({@code src/test/resources/bad-inputs/*.case}): the command line to run, what to
 * set up first, and what it must give. A case file has one directive per line ({@code #} starts a comment):
 *
 * <pre>
 * args: simulate {files}/minimal.yaml --out {tmp}/out     the arguments, split at spaces ('' is an empty one)
 * setup: mkdir {tmp}/out/report.html                      make a folder, or "setup: file PATH" an empty file
 * absent: {tmp}/out                                       a path that must not exist afterwards
 * status: 2                                               the exit status
 * stderr: error: --out: ...                               each line of stderr, exactly
 * stderr-prefix: replayed 1 seeds in                      a line of stderr that starts so (timings vary)
 * </pre>
 *
 * {@code {files}} is the corpus's folder of input files, {@code {tmp}} a fresh folder for the case.
 */
record BadInputCase(
        String name,
        List<String> comments,
        List<String> args,
        List<String> setup,
        List<String> absent,
        int status,
        List<String> stderr) {

    /** A line of {@code stderr} that is only a prefix of the real one. */
    static final String PREFIX = "\u0000prefix:";

    static BadInputCase read(Path file) throws IOException {
        List<String> comments = new ArrayList<>();
        List<String> args = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        int status = -1;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(file + ": not a directive: " + line);
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "args" -> args.addAll(split(value));
                case "setup" -> setup.add(value);
                case "absent" -> absent.add(value);
                case "status" -> status = Integer.parseInt(value);
                case "stderr" -> stderr.add(line.substring(colon + 2));
                case "stderr-prefix" -> stderr.add(PREFIX + line.substring(colon + 2));
                default -> throw new IllegalArgumentException(file + ": unknown directive " + key);
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.case$", "");
        return new BadInputCase(name, comments, args, setup, absent, status, stderr);
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String token : value.split(" +")) {
            out.add(token.equals("''") ? "" : token);
        }
        return out;
    }

    /** The case with the status and stderr a run gave, for recording a new or changed case. */
    String recorded(int actualStatus, List<String> actualStderr, String original) {
        StringBuilder out = new StringBuilder();
        for (String line : original.split("\n", -1)) {
            if (line.startsWith("status:") || line.startsWith("stderr")) {
                continue;
            }
            out.append(line).append('\n');
        }
        String text = out.toString().stripTrailing() + "\n";
        StringBuilder tail = new StringBuilder("status: " + actualStatus + "\n");
        for (String l : actualStderr) {
            tail.append("stderr: ").append(l).append('\n');
        }
        return text + tail;
    }
}
