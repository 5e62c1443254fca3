package io.ultrafleet.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a scenario set from outside its file, as {@code ultrafleet sweep --set PATH=VALUE} asks: {@code path}
 * is the field's dotted path as error messages name it ({@code scheduler.backfill.maxGangs}, {@code
 * fleet.deliveries[0].racks}), {@code value} a single YAML value (a number, word, date or duration). The override is
 * put into the YAML document before it is validated, so a bad path or value is reported like a bad file.
 */
public record FieldOverride(String path, String value) {
    /** A path: keys separated by dots, each optionally followed by list indexes such as {@code [0]}. */
    public static final Pattern PATH =
            Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\[[0-9]{1,9}])*(\\.[A-Za-z][A-Za-z0-9_-]*(\\[[0-9]{1,9}])*)*");

    /** What {@link #PATH} allows, for messages. */
    public static final String PATH_SYNTAX =
            "a dotted field path such as scheduler.backfill.maxGangs or fleet.deliveries[0].racks";

    public FieldOverride {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("not a field path: " + path);
        }
    }

    /** {@code PATH=VALUE}, as written on the command line. */
    @Override
    public String toString() {
        return path + "=" + value;
    }

    /** The path's steps: a key name, or a list index as an {@code Integer}. */
    public List<Object> steps() {
        List<Object> out = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            out.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                out.add(Integer.valueOf(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
        }
        return out;
    }
}
