package io.ultrafleet.spec;

import java.util.Collection;
import java.util.Iterator;

/** A list of names as a message shows it: the first few, then how many more, so a message stays one short line. */
public final class ShortList {
    /** How many names a message shows. */
    public static final int SHOWN = 8;

    private ShortList() {}

    /** {@code a, b, c}, or {@code a, b, ..., h and 29,992 more} for a long list. */
    public static String join(Collection<String> names) {
        return join(names, ", ");
    }

    /** As {@link #join(Collection)}, showing up to {@code shown} names. */
    public static String join(Collection<String> names, int shown) {
        return join(names, ", ", shown);
    }

    /** As {@link #join(Collection)}, with another separator. */
    public static String join(Collection<String> names, String separator) {
        return join(names, separator, SHOWN);
    }

    private static String join(Collection<String> names, String separator, int shown) {
        StringBuilder sb = new StringBuilder();
        Iterator<String> it = names.iterator();
        for (int i = 0; i < shown && it.hasNext(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(shorten(it.next()));
        }
        if (names.size() > shown) {
            sb.append(String.format(" and %,d more", names.size() - shown));
        }
        return sb.toString();
    }

    private static String shorten(String name) {
        return name.length() <= 60 ? name : name.substring(0, 57) + "...";
    }
}
