package io.ultrafleet.cli;

/**
 * A flag whose value the command cannot use, found once the command line was read (a range, a folder that cannot be
 * written, two flags that do not go together). Printed as {@code error: FLAG: 'VALUE' PROBLEM} and a line saying where
 * the help is; exit status 2.
 */
final class BadFlagException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param flag the flag, such as {@code --out}
     * @param value its value as given, or null for a flag without one
     * @param problem what is wrong, such as {@code is a file, not a folder}
     */
    BadFlagException(String flag, String value, String problem) {
        super(flag + ": " + (value == null ? "" : FlagErrorHandler.quoted(value) + " ") + problem);
    }
}
