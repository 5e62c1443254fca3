package io.ultrafleet.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A job as a user submits it to a live server: a scenario job ({@code submitMs} is the server's clock when it was
 * taken, {@code name} may be null) and what it runs: {@code command}, the program and its arguments, and {@code env},
 * its environment. The virtual executor runs nothing; a cluster executor runs the command on the job's nodes.
 */
public record JobSubmission(TrainingSpec.JobSpec job, List<String> command, Map<String, String> env) {
    /** The longest job name. */
    public static final int MAX_NAME = 200;

    /** The most words of a command. */
    public static final int MAX_ARGS = 1_000;

    /** The longest word of a command, or value of a variable. */
    public static final int MAX_WORD = 16_384;

    /** The most environment variables. */
    public static final int MAX_ENV = 1_000;

    public static final String ENV_NAME_SYNTAX =
            "a variable name of letters, digits and '_', not starting with a digit";
    /**
     * The variables a cluster executor sets for every run (the job's id, its run and its nodes): a job's own would be
     * overwritten, so it may not give them.
     */
    public static final List<String> SET_BY_SERVER = List.of("ULTRAFLEET_JOB_ID", "ULTRAFLEET_RUN", "ULTRAFLEET_NODES");

    /**
     * What a command's word and a variable's value may hold: anything but NUL, which no program's arguments or
     * environment can carry (a shell drops it; C strings end at it).
     */
    public static final String NO_NUL =
            "text without NUL characters (\\u0000), which a program's arguments and " + "environment cannot carry";

    public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    public JobSubmission {
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
