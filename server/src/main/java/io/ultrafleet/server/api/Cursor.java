package io.ultrafleet.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a list's next page: the position after which it goes on, encoded so that clients pass it back
 * as they got it and do not build their own.
 */
public final class Cursor {
    private Cursor() {}

    public static String of(String kind, long after) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((kind + ":" + after).getBytes(StandardCharsets.UTF_8));
    }

    /** The position in {@code cursor} (null for the start: {@code start}); a cursor of another kind is bad input. */
    public static long after(String kind, String cursor, long start) {
        if (cursor == null || cursor.isEmpty()) {
            return start;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return Long.parseLong(text.substring(kind.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiException.badField(
                "after",
                "query 'after': found '" + shorten(cursor) + "', allowed the 'next' cursor of the previous page");
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
