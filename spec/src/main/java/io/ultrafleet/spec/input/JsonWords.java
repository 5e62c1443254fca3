package io.ultrafleet.spec.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JSON parser found wrong, in the user's words: the parser's own messages name its settings and Java types
 * ("Source: REDACTED", "code 120"), which mean nothing to a user of Ultrafleet.
 */
public final class JsonWords {
    private static final Pattern CHARACTER = Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code");
    private static final Pattern TOKEN = Pattern.compile("^(?:Unrecognized|Non-standard) token '([^']{0,40})");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']{0,80})");

    private JsonWords() {}

    /** {@code e} as a short phrase, such as {@code unexpected character '}'}. */
    public static String of(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "a value too long or nested too deep";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher c = CHARACTER.matcher(m);
        if (c.find()) {
            return "unexpected character " + printable(c.group(1));
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            return "unexpected word '" + t.group(1) + "' (text needs double quotes)";
        }
        Matcher d = DUPLICATE.matcher(m);
        if (d.find()) {
            return "found the key '" + d.group(1) + "' a second time, allowed each key once";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the text ends before the JSON value does";
        }
        if (m.startsWith("Unexpected close marker")) {
            return "a closing bracket that does not match";
        }
        if (m.startsWith("Numeric value") || m.contains("out of range")) {
            return "a number out of range";
        }
        if (m.startsWith("Invalid numeric value") || m.contains("Leading zeroes")) {
            return "a number written in a way JSON does not allow";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character inside a string (write it escaped)";
        }
        if (m.startsWith("Unrecognized character escape")) {
            return "an unknown escape in a string";
        }
        if (m.startsWith("Invalid UTF-8") || m.contains("Invalid UTF")) {
            return "text that is not UTF-8";
        }
        return "not a JSON value here";
    }

    /** Where the parser stopped, as {@code " at column 12"}, or nothing when it does not say. */
    public static String column(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    }

    /** Where the parser stopped, as {@code ":3:12"} (line and column), or nothing when it does not say. */
    public static String lineAndColumn(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    }

    private static String printable(String s) {
        char ch = s.charAt(0);
        return Character.isISOControl(ch) ? String.format("U+%04X", (int) ch) : "'" + s + "'";
    }
}
