package io.ultrafleet.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command line that cannot be read: two lines on stderr, the problem with the flag it concerns, and where the help
 * is; exit status 2. The usage is not printed (it is one {@code --help} away) and no Java names are shown.
 *
 * <pre>
 * error: --until: '2026-13-45' is not a date (YYYY-MM-DD)
 * see 'ultrafleet simulate --help'
 * </pre>
 */
final class FlagErrorHandler implements CommandLine.IParameterExceptionHandler {
    /** The longest value a message repeats in full. */
    private static final int MAX_SHOWN = 200;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String unknown = ex instanceof CommandLine.MissingParameterException ? unknownOption(cl, args) : null;
        err.println("error: " + (unknown != null ? unknown : describe(ex)));
        err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitStatus.BAD_INPUT;
    }

    /** The problem in one line, without the {@code error: } prefix. */
    static String describe(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            return unmatched(u);
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            return missing(m);
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o) {
            return label(o.getOverwritten()) + ": given more than once (give it once)";
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException t && ex.getArgSpec() != null) {
            return label(ex.getArgSpec()) + ": " + quoted(ex.getValue()) + " " + t.getMessage();
        }
        if (ex instanceof CommandLine.MaxValuesExceededException) {
            return "too many arguments: " + firstLine(ex.getMessage());
        }
        return firstLine(ex.getMessage());
    }

    /**
     * The first option of {@code args} after the command's name that the command does not have, as the unknown-option
     * message, or null. Picocli reports a missing required option before an unknown one, but the unknown one is what
     * the user got wrong ({@code sweep FILE --feild x} is not missing {@code --set} so much as misspelt).
     */
    static String unknownOption(CommandLine cl, String[] args) {
        String name = cl.getCommandName();
        int i = 0;
        while (i < args.length && !args[i].equals(name)) {
            i++;
        }
        for (i++; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (!a.startsWith("-") || a.length() < 2 || Character.isDigit(a.charAt(1))) {
                continue;
            }
            int eq = a.indexOf('=');
            OptionSpec o = cl.getCommandSpec().findOption(eq < 0 ? a : a.substring(0, eq));
            if (o == null) {
                return unmatched(new CommandLine.UnmatchedArgumentException(cl, List.of(a)));
            }
            if (eq < 0 && o.arity().min() > 0) {
                i++; // its value, which may start with a dash
            }
        }
        return null;
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException u) {
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        List<String> suggestions = u.getSuggestions();
        String hint = suggestions.isEmpty() ? "" : " (did you mean " + quoted(suggestions.get(0)) + "?)";
        if (first.startsWith("-")) {
            return "unknown option " + quoted(first) + hint;
        }
        String what = u.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument " : "unknown command ";
        return what + quoted(first) + hint;
    }

    private static String missing(CommandLine.MissingParameterException m) {
        List<ArgSpec> missing = m.getMissing();
        if (missing == null || missing.isEmpty()) {
            return firstLine(m.getMessage());
        }
        ArgSpec first = missing.get(0);
        if (first instanceof OptionSpec o
                && o.arity().min() > 0
                && m.getMessage().contains("parameter for option")) {
            return label(o) + ": needs a value (" + o.paramLabel() + ")";
        }
        StringBuilder sb = new StringBuilder("missing ");
        for (int i = 0; i < missing.size(); i++) {
            ArgSpec a = missing.get(i);
            sb.append(i == 0 ? "" : ", ");
            sb.append(a instanceof OptionSpec o ? o.longestName() + " " + o.paramLabel() : a.paramLabel());
        }
        return sb.toString();
    }

    /** What a message calls a flag or an argument: {@code --until}, or {@code FILE|NAME} for a positional one. */
    static String label(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            return o.longestName();
        }
        if (arg instanceof PositionalParamSpec p) {
            return p.paramLabel();
        }
        return String.valueOf(arg);
    }

    /** {@code value} in single quotes, cut to {@value #MAX_SHOWN} characters. */
    static String quoted(String value) {
        if (value == null) {
            return "''";
        }
        String v = value.replaceAll("\\R", " ");
        if (v.length() > MAX_SHOWN) {
            v = v.substring(0, MAX_SHOWN) + "... (" + String.format("%,d", value.length()) + " characters)";
        }
        return "'" + v + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the command line cannot be read";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
